import { Result } from 'antd';

/** One ledger: items by status, unit and level; the overdue list; bulletins. */
export default function LedgerOverviewPage() {
  return <Result status="info" title="整改台账概览" subTitle="此页面正在建设中。" />;
}
