import { Result } from 'antd';

/** 我的待办: the unit's work across campaigns, ledgers and programmes, by deadline. */
export default function TodoPage() {
  return <Result status="info" title="我的待办" subTitle="此页面正在建设中。" />;
}
