import { Result } from 'antd';

/** One housing programme: stages, townships, overdue and stalled households, the monthly report. */
export default function ProgrammeOverviewPage() {
  return <Result status="info" title="危房改造进度" subTitle="此页面正在建设中。" />;
}
