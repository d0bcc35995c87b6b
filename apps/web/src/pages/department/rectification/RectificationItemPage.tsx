import { Result } from 'antd';

/** A rectification item: timeline, evidence, comments; the steps of the responsible unit and the verifier. */
export default function RectificationItemPage() {
  return <Result status="info" title="整改事项" subTitle="此页面正在建设中。" />;
}
