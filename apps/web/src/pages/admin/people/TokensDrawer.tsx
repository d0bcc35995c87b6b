import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  Button,
  DatePicker,
  Drawer,
  Form,
  Input,
  Modal,
  Popconfirm,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { api, must } from '../../../api/client';
import { ApiErrorAlert } from '../../../shared/ApiErrorAlert';
import { showTime } from '../../../shared/deadline';
import { showProblemsOnFields } from '../../../shared/form-problems';
import { useCommand } from '../../../shared/useCommand';
import type { ApiTokenView, UserView } from './people-queries';

interface NewToken {
  name: string;
  expiresAt?: Dayjs | null;
}

function tokenState(token: ApiTokenView, now: number) {
  if (token.revokedAt) return <Tag>已吊销</Tag>;
  if (token.expiresAt && Date.parse(token.expiresAt) <= now) return <Tag color="orange">已过期</Tag>;
  return <Tag color="green">有效</Tag>;
}

/** API tokens of a person for machine clients: issued (the token is shown once), listed, revoked. */
export function TokensDrawer({ person, onClose }: { person: UserView | null; onClose: () => void }) {
  const [form] = Form.useForm<NewToken>();
  const [issued, setIssued] = useState<string | null>(null);
  const key = ['admin', 'api-tokens', person?.id];
  const tokens = useQuery({
    queryKey: key,
    queryFn: () => must(api.GET('/api/users/{id}/api-tokens', { params: { path: { id: person!.id } } })),
    enabled: person !== null,
  });
  const create = useCommand(
    (values: NewToken, idempotencyKey: string) =>
      must(
        api.POST('/api/users/{id}/api-tokens', {
          params: { path: { id: person!.id } },
          body: { name: values.name, expiresAt: values.expiresAt?.endOf('day').toISOString() },
          headers: { 'Idempotency-Key': idempotencyKey },
        }),
      ),
    {
      invalidates: [key],
      onSuccess: (created) => {
        form.resetFields();
        setIssued(created.token);
      },
    },
  );
  const revoke = useCommand(
    (tokenId: string, idempotencyKey: string) =>
      must(
        api.DELETE('/api/users/{id}/api-tokens/{tokenId}', {
          params: { path: { id: person!.id, tokenId } },
          headers: { 'Idempotency-Key': idempotencyKey },
        }),
      ),
    { invalidates: [key], success: '令牌已吊销' },
  );
  const now = tokens.dataUpdatedAt;
  return (
    <Drawer
      title={`API 令牌：${person?.displayName ?? ''}`}
      open={person !== null}
      onClose={onClose}
      size="large"
    >
      <Typography.Paragraph type="secondary">
        供对接系统（机器客户端）以此人身份调用接口，请求头为 Authorization: Bearer 令牌。
      </Typography.Paragraph>
      <Form<NewToken>
        form={form}
        name="new-token"
        layout="inline"
        onFinish={(values) =>
          create.mutate(values, { onError: (error) => showProblemsOnFields(form, error) })
        }
        style={{ marginBottom: 16 }}
      >
        <Form.Item label="用途" name="name" rules={[{ required: true, message: '请填写用途' }]}>
          <Input placeholder="例如：省平台对接" />
        </Form.Item>
        <Form.Item label="有效期至" name="expiresAt">
          <DatePicker placeholder="不填则长期有效" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={create.isPending}>
          签发令牌
        </Button>
      </Form>
      <ApiErrorAlert error={create.error ?? revoke.error ?? tokens.error} style={{ marginBottom: 16 }} />
      <Table<ApiTokenView>
        rowKey="id"
        size="small"
        loading={tokens.isLoading}
        dataSource={tokens.data ?? []}
        pagination={false}
        columns={[
          { title: '用途', dataIndex: 'name' },
          { title: '签发时间', dataIndex: 'createdAt', render: (value: string) => showTime(value) },
          {
            title: '有效期至',
            dataIndex: 'expiresAt',
            render: (value: string | null) => (value ? showTime(value) : '长期'),
          },
          {
            title: '最近使用',
            dataIndex: 'lastUsedAt',
            render: (value: string | null) => (value ? showTime(value) : '未使用'),
          },
          { title: '状态', render: (_, token) => tokenState(token, now) },
          {
            title: '操作',
            render: (_, token) =>
              token.revokedAt ? null : (
                <Popconfirm
                  title="吊销后使用此令牌的系统将无法访问，确定吊销？"
                  onConfirm={() => revoke.mutate(token.id)}
                >
                  <Button type="link" danger size="small">
                    吊销
                  </Button>
                </Popconfirm>
              ),
          },
        ]}
      />
      <Modal
        title="令牌已签发"
        open={issued !== null}
        onCancel={() => setIssued(null)}
        onOk={() => setIssued(null)}
        okText="我已妥善保存"
        cancelButtonProps={{ style: { display: 'none' } }}
        maskClosable={false}
      >
        <Space direction="vertical" style={{ width: '100%' }}>
          <Alert type="warning" showIcon title="令牌只显示这一次，关闭后无法再次查看，请立即复制保存。" />
          <Typography.Paragraph copyable={{ text: issued ?? '' }} code style={{ wordBreak: 'break-all' }}>
            {issued}
          </Typography.Paragraph>
        </Space>
      </Modal>
    </Drawer>
  );
}
