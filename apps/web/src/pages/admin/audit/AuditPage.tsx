import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Empty, Form, Input, Space, Table, Tag, Typography } from 'antd';
import { api, must } from '../../../api/client';
import type { components } from '../../../api/schema';
import { ApiErrorAlert } from '../../../shared/ApiErrorAlert';
import { showTime } from '../../../shared/deadline';
import { useSearchParam } from '../../../shared/useSearchParam';
import { useUnits } from '../../department/households/useUnits';
import { useMutation } from '@tanstack/react-query';

type AuditEntry = components['schemas']['AuditEntryView'];
type ChainVerdict = components['schemas']['ChainVerdictView'];

const PAGE_SIZE = 50;

/** One changed field: its value before and after (absent on one side when created or removed). */
interface Change {
  field: string;
  before: unknown;
  after: unknown;
}

export function changesOf(entry: Pick<AuditEntry, 'before' | 'after'>): Change[] {
  const before = entry.before ?? {};
  const after = entry.after ?? {};
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return fields
    .filter((field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]))
    .map((field) => ({ field, before: before[field], after: after[field] }));
}

function show(value: unknown): string {
  if (value === undefined) return '—';
  if (value === null) return '空';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function ChangeList({ entry }: { entry: AuditEntry }) {
  const changes = changesOf(entry);
  if (changes.length === 0) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <ul style={{ margin: 0, paddingLeft: 16 }}>
      {changes.map((change) => (
        <li key={change.field}>
          <Typography.Text code>{change.field}</Typography.Text>：{show(change.before)} → {show(change.after)}
        </li>
      ))}
    </ul>
  );
}

function Verdict({ verdict }: { verdict: ChainVerdict }) {
  if (verdict.intact)
    return (
      <Alert
        role="status"
        type="success"
        showIcon
        title={`审计链完整：已校验 ${verdict.entries} 条记录，无篡改或缺失`}
      />
    );
  return (
    <Alert
      role="alert"
      type="error"
      showIcon
      title={`审计链在第 ${verdict.brokenAt ?? '?'} 条记录处断裂`}
      description={`此前 ${verdict.entries} 条记录完好。${verdict.problem ?? ''}`}
    />
  );
}

/** The audit trail of one object (`?subject=unit:c1`): who, unit, when, what changed, why; the chain check. */
export default function AuditPage() {
  const [subject, setSubject] = useSearchParam('subject');
  const [page, setPage] = useSearchParam('page');
  const pageNumber = Math.max(1, Number(page) || 1);
  const units = useUnits();
  const history = useQuery({
    queryKey: ['audit', subject, pageNumber],
    queryFn: () =>
      must(
        api.GET('/api/audit', {
          params: { query: { subject: subject!, page: pageNumber, pageSize: PAGE_SIZE } },
        }),
      ),
    enabled: subject !== null,
  });
  const verify = useMutation({ mutationFn: () => must(api.GET('/api/audit/verify')) });

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        审计记录
      </Typography.Title>
      <Card size="small">
        <Form layout="inline" style={{ rowGap: 8 }}>
          <Form.Item
            label="对象"
            htmlFor="audit-subject"
            extra="形如 类型:编号，例如 unit:c1、user:…、rectification:…"
          >
            <Input.Search
              id="audit-subject"
              key={subject ?? ''}
              defaultValue={subject ?? ''}
              style={{ width: 420 }}
              enterButton="查询"
              onSearch={(value) => {
                setPage(null);
                setSubject(value.trim());
              }}
            />
          </Form.Item>
          <Button
            icon={<SafetyCertificateOutlined />}
            loading={verify.isPending}
            onClick={() => verify.mutate()}
          >
            校验审计链
          </Button>
        </Form>
      </Card>
      {verify.data && <Verdict verdict={verify.data} />}
      <ApiErrorAlert error={verify.error ?? history.error} />
      {subject === null ? (
        <Card>
          <Empty description="输入对象以查看其审计记录" />
        </Card>
      ) : (
        <Table<AuditEntry>
          rowKey="seq"
          aria-label="审计记录"
          loading={history.isLoading}
          dataSource={history.data?.items ?? []}
          pagination={{
            current: pageNumber,
            pageSize: PAGE_SIZE,
            total: history.data?.total ?? 0,
            showSizeChanger: false,
            showTotal: (total) => `共 ${total} 条`,
            onChange: (next) => setPage(next === 1 ? null : String(next)),
          }}
          columns={[
            { title: '序号', dataIndex: 'seq', width: 80 },
            {
              title: '时间',
              dataIndex: 'occurredAt',
              width: 160,
              render: (value: string) => showTime(value),
            },
            { title: '操作人', dataIndex: 'actorName', width: 180 },
            {
              title: '单位',
              dataIndex: 'actorUnit',
              width: 120,
              render: (code: string | null) => (code ? units.nameOf(code) : '—'),
            },
            {
              title: '操作',
              dataIndex: 'action',
              width: 200,
              render: (action: string) => <Tag>{action}</Tag>,
            },
            { title: '变更内容', render: (_, entry) => <ChangeList entry={entry} /> },
            { title: '原因', dataIndex: 'reason', render: (reason: string | null) => reason ?? '—' },
          ]}
        />
      )}
    </Space>
  );
}
