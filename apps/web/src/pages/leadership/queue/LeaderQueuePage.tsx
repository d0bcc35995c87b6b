import { Result } from 'antd';

/** Summons (约谈) and accountability (问责) steps waiting for a leader's decision. */
export default function LeaderQueuePage() {
  return <Result status="info" title="待领导决定" subTitle="此页面正在建设中。" />;
}
