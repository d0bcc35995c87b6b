import { Button, Card, DatePicker, Form, Input, Select, Space, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useNavigate } from 'react-router';
import { api, must } from '../../../api/client';
import { ApiErrorAlert } from '../../../shared/ApiErrorAlert';
import { showProblemsOnFields } from '../../../shared/form-problems';
import { useCommand } from '../../../shared/useCommand';
import { DEFAULT_LADDER, type EscalationStep } from '../../../../../../libs/domain/src/escalation/ladder';
import { LadderEditor } from './LadderEditor';

interface LedgerValues {
  name: string;
  source: string;
  classification?: string[];
  ladder: EscalationStep[];
  bulletinEvery?: string;
  bulletinFirstAt?: Dayjs | null;
}

const CADENCES = [
  { value: 'P1W', label: '每周' },
  { value: 'P2W', label: '每两周' },
  { value: 'P1M', label: '每月' },
];

/** 新建整改台账: name, source, classification, the escalation ladder (from the default) and the bulletin cadence. */
export default function LedgerNewPage() {
  const [form] = Form.useForm<LedgerValues>();
  const navigate = useNavigate();
  const create = useCommand(
    (values: LedgerValues, key: string) =>
      must(
        api.POST('/api/ledgers', {
          headers: { 'Idempotency-Key': key },
          body: {
            name: values.name,
            source: values.source,
            classification: values.classification?.length ? values.classification : undefined,
            // Levels follow the order the steps are listed in.
            ladder: values.ladder.map((step, index) => ({ ...step, level: index + 1 })) as never,
            bulletinEvery: values.bulletinEvery,
            bulletinFirstAt: values.bulletinFirstAt
              ? `${values.bulletinFirstAt.format('YYYY-MM-DDTHH:mm')}:00+08:00`
              : undefined,
          },
        }),
      ),
    {
      invalidates: [['ledgers']],
      success: '台账已建立',
      onSuccess: (ledger) => void navigate(`/ledgers/${(ledger as { id: string }).id}`),
    },
  );
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Title level={3}>新建整改台账</Typography.Title>
      <Form<LedgerValues>
        form={form}
        layout="vertical"
        aria-label="新建整改台账"
        initialValues={{ ladder: DEFAULT_LADDER, bulletinEvery: 'P1W' }}
        onFinish={(values) =>
          create.mutate(values, { onError: (error) => showProblemsOnFields(form, error) })
        }
      >
        <Card size="small" style={{ marginBottom: 12 }}>
          <Form.Item name="name" label="台账名称" rules={[{ required: true, message: '请填写台账名称' }]}>
            <Input />
          </Form.Item>
          <Form.Item name="source" label="问题来源" rules={[{ required: true, message: '请填写问题来源' }]}>
            <Input placeholder="如：省审计报告" />
          </Form.Item>
          <Form.Item name="classification" label="问题分类" tooltip="回车添加一类">
            <Select mode="tags" placeholder="如：资金管理、项目建设" open={false} />
          </Form.Item>
          <Space wrap>
            <Form.Item name="bulletinEvery" label="通报频次">
              <Select options={CADENCES} style={{ width: 140 }} />
            </Form.Item>
            <Form.Item name="bulletinFirstAt" label="首次通报时间（默认下周一 09:00）">
              <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
            </Form.Item>
          </Space>
        </Card>
        <LadderEditor />
        <ApiErrorAlert error={create.error} style={{ marginTop: 12 }} />
        <Button type="primary" htmlType="submit" loading={create.isPending} style={{ marginTop: 12 }}>
          建立台账
        </Button>
      </Form>
    </Space>
  );
}
