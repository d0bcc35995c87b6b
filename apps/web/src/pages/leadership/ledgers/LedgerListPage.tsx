import { Result } from 'antd';

/** Rectification ledgers. */
export default function LedgerListPage() {
  return <Result status="info" title="整改台账" subTitle="此页面正在建设中。" />;
}
