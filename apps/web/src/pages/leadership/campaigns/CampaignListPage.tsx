import { Result } from 'antd';

/** Campaigns the person may read, with their state and progress. */
export default function CampaignListPage() {
  return <Result status="info" title="攻坚行动" subTitle="此页面正在建设中。" />;
}
