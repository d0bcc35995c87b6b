import { Result } from 'antd';

/** A campaign task: its state, timeline, evidence and escalations; progress, evidence and submit for the lead unit. */
export default function CampaignTaskPage() {
  return <Result status="info" title="攻坚任务" subTitle="此页面正在建设中。" />;
}
