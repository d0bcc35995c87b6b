import {
  Button,
  Card,
  Form,
  Modal,
  Select,
  Space,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { ApiErrorAlert } from '../../../shared/ApiErrorAlert';
import { showTime } from '../../../shared/deadline';
import { escalationColour } from '../../../shared/escalation';
import { subjectPath } from '../../../shared/subject-path';
import { useSearchParam } from '../../../shared/useSearchParam';
import { DecisionForm } from './DecisionForm';
import { useLeaderQueue, type QueueEntry } from './queue-queries';

const KINDS = [
  { value: 'rectification', label: '整改问题' },
  { value: 'campaign-task', label: '攻坚任务' },
];

const rowKey = (entry: QueueEntry) => `${entry.subject}#${entry.level}`;

/** Leadership's own queue: summons (约谈) and accountability (问责) steps waiting for a decision. */
export default function LeaderQueuePage() {
  const [kind, setKind] = useSearchParam('kind');
  const queue = useLeaderQueue();
  const [deciding, setDeciding] = useState<QueueEntry | null>(null);
  const rows = (queue.data ?? []).filter((entry) => !kind || entry.kind === kind);

  const columns: TableColumnsType<QueueEntry> = [
    {
      title: '类型',
      dataIndex: 'kindLabel',
      key: 'kind',
      width: 100,
    },
    {
      title: '事项',
      dataIndex: 'title',
      key: 'title',
      width: 280,
      render: (title: string, entry) => {
        const path = subjectPath(entry.subject);
        return path ? <Link to={path}>{title}</Link> : title;
      },
    },
    { title: '所属台账 / 行动', dataIndex: 'context', key: 'context', width: 200 },
    { title: '责任单位', dataIndex: 'unitName', key: 'unit', width: 120 },
    {
      title: '督办',
      dataIndex: 'levelLabel',
      key: 'level',
      width: 90,
      render: (label: string, entry) => <Tag color={escalationColour(entry.level)}>{label}</Tag>,
    },
    {
      title: '等待自',
      dataIndex: 'since',
      key: 'since',
      width: 150,
      render: (since: string) => showTime(since),
    },
    {
      title: '操作',
      key: 'action',
      fixed: 'right',
      width: 90,
      render: (_, entry) => (
        <Button
          type="primary"
          size="small"
          aria-label={`决定：${entry.title}（${entry.levelLabel}）`}
          onClick={() => setDeciding(entry)}
        >
          决定
        </Button>
      ),
    },
  ];

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        待我决定
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        督办升级到约谈、问责的整改问题和攻坚任务，须由领导作出决定并记录。
      </Typography.Paragraph>
      <Card size="small">
        <Form layout="inline">
          <Form.Item label="类型" htmlFor="queue-kind">
            <Select
              id="queue-kind"
              allowClear
              placeholder="全部类型"
              style={{ width: 140 }}
              value={kind ?? undefined}
              onChange={(value?: string) => setKind(value)}
              options={KINDS}
            />
          </Form.Item>
        </Form>
      </Card>
      <ApiErrorAlert error={queue.error} />
      <Table<QueueEntry>
        data-testid="leader-queue-table"
        rowKey={rowKey}
        loading={queue.isPending}
        columns={columns}
        dataSource={rows}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        scroll={{ x: 1030 }}
        locale={{ emptyText: '没有等待领导决定的事项' }}
      />
      <Modal
        open={deciding !== null}
        title={deciding ? `${deciding.levelLabel}：${deciding.title}` : ''}
        footer={null}
        destroyOnHidden
        onCancel={() => setDeciding(null)}
      >
        {deciding && (
          <>
            <Typography.Paragraph type="secondary">
              {deciding.kindLabel} · {deciding.context} · 责任单位 {deciding.unitName} · 自{' '}
              {showTime(deciding.since)} 起等待决定
            </Typography.Paragraph>
            <DecisionForm entry={deciding} onDone={() => setDeciding(null)} />
          </>
        )}
      </Modal>
    </Space>
  );
}
