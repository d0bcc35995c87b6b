import { Result } from 'antd';

/** Households by filter, with bulk steps and each household's result. */
export default function HouseholdTablePage() {
  return <Result status="info" title="农户" subTitle="此页面正在建设中。" />;
}
