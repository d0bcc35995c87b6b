import { Result } from 'antd';

/** One campaign's battle map (挂图作战), live from its change feed. */
export default function BattleMapPage() {
  return <Result status="info" title="挂图作战" subTitle="此页面正在建设中。" />;
}
