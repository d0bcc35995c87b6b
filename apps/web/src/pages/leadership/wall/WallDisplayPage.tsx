import { Result } from 'antd';

/** The command center's wall display (大屏): full screen, dark, live. */
export default function WallDisplayPage() {
  return <Result status="info" title="大屏" subTitle="此页面正在建设中。" />;
}
