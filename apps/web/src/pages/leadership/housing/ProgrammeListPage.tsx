import { Result } from 'antd';

/** Housing-repair programmes. */
export default function ProgrammeListPage() {
  return <Result status="info" title="危房改造" subTitle="此页面正在建设中。" />;
}
