import { Result } from 'antd';

/** The person's notifications; reading one leads to its object. */
export default function NotificationsPage() {
  return <Result status="info" title="通知" subTitle="此页面正在建设中。" />;
}
