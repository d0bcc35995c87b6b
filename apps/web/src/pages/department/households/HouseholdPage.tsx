import { Result } from 'antd';

/** One household's pipeline: stage, timeline, evidence, steps. */
export default function HouseholdPage() {
  return <Result status="info" title="农户详情" subTitle="此页面正在建设中。" />;
}
