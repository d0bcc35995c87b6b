import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Form, Input, Select, Space, Table, Tag, TreeSelect, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { ROLE_LABELS, type Role } from '../../../../../../libs/domain/src/access/roles';
import { api, must } from '../../../api/client';
import { ApiErrorAlert } from '../../../shared/ApiErrorAlert';
import { showTime } from '../../../shared/deadline';
import { useCommand } from '../../../shared/useCommand';
import { useSearchParam } from '../../../shared/useSearchParam';
import { useUnits } from '../../department/households/useUnits';
import { ImportButton } from '../ImportButton';
import { unitTree } from '../unit-tree';
import {
  ActiveModal,
  CreatePersonModal,
  EditPersonModal,
  ResetPasswordModal,
  ROLE_OPTIONS,
} from './PersonForms';
import { isLocked, PEOPLE_KEY, usePeople, type UserView } from './people-queries';
import { TokensDrawer } from './TokensDrawer';

const STATUS_OPTIONS = [
  { value: 'active', label: '在用' },
  { value: 'locked', label: '已锁定' },
  { value: 'inactive', label: '已停用' },
];

interface ImportResult {
  created: number;
  initialPasswords: Array<{ username: string; password: string }>;
}

/** People: filters in the URL, create, import, roles and unit, deactivate, unlock, passwords, tokens. */
export default function PeoplePage() {
  const units = useUnits();
  const tree = useMemo(() => unitTree(units.list), [units.list]);
  const [within, setWithin] = useSearchParam('within');
  const [role, setRole] = useSearchParam('role');
  const [status, setStatus] = useSearchParam('status');
  const [q, setQ] = useSearchParam('q');
  const people = usePeople(within);
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<UserView | null>(null);
  const [toggling, setToggling] = useState<UserView | null>(null);
  const [resetting, setResetting] = useState<UserView | null>(null);
  const [tokensOf, setTokensOf] = useState<UserView | null>(null);

  const unlock = useCommand(
    (id: string, key: string) =>
      must(
        api.POST('/api/users/{id}/unlock', { params: { path: { id } }, headers: { 'Idempotency-Key': key } }),
      ),
    { invalidates: [[...PEOPLE_KEY]], success: (person) => `已解锁 ${person.displayName}` },
  );

  const now = people.dataUpdatedAt;
  const rows = (people.data ?? []).filter((person) => {
    if (role && !person.roles.includes(role as Role)) return false;
    if (status === 'active' && !person.active) return false;
    if (status === 'inactive' && person.active) return false;
    if (status === 'locked' && !isLocked(person, now)) return false;
    const text = q?.toLowerCase();
    return (
      !text || person.username.toLowerCase().includes(text) || person.displayName.toLowerCase().includes(text)
    );
  });

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        人员管理
      </Typography.Title>
      <Card size="small">
        <Form layout="inline" style={{ rowGap: 8 }}>
          <Form.Item label="单位" htmlFor="people-within">
            <TreeSelect
              id="people-within"
              style={{ width: 220 }}
              allowClear
              showSearch
              treeNodeFilterProp="title"
              treeData={tree}
              value={within ?? undefined}
              onChange={(value?: string) => setWithin(value)}
              placeholder="全部单位"
            />
          </Form.Item>
          <Form.Item label="角色" htmlFor="people-role">
            <Select
              id="people-role"
              style={{ width: 140 }}
              allowClear
              options={ROLE_OPTIONS}
              value={role ?? undefined}
              onChange={(value?: string) => setRole(value)}
              placeholder="全部角色"
            />
          </Form.Item>
          <Form.Item label="状态" htmlFor="people-status">
            <Select
              id="people-status"
              style={{ width: 120 }}
              allowClear
              options={STATUS_OPTIONS}
              value={status ?? undefined}
              onChange={(value?: string) => setStatus(value)}
              placeholder="全部"
            />
          </Form.Item>
          <Form.Item label="搜索" htmlFor="people-q">
            <Input.Search
              id="people-q"
              allowClear
              defaultValue={q ?? ''}
              placeholder="用户名或姓名"
              onSearch={(value) => setQ(value.trim())}
            />
          </Form.Item>
        </Form>
      </Card>
      <Space>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
          新建人员
        </Button>
        <ImportButton<ImportResult>
          path="/api/users/import"
          title="导入人员"
          columns="用户名、姓名、单位编码、角色"
          invalidates={[[...PEOPLE_KEY]]}
          renderResult={(result) => (
            <>
              <Typography.Text type="success">已导入 {result.created} 人。</Typography.Text>
              {result.initialPasswords.length > 0 && (
                <>
                  <Typography.Paragraph type="warning">
                    以下初始密码只显示这一次，请妥善转交本人：
                  </Typography.Paragraph>
                  <Table
                    size="small"
                    rowKey="username"
                    pagination={false}
                    dataSource={result.initialPasswords}
                    columns={[
                      { title: '用户名', dataIndex: 'username' },
                      {
                        title: '初始密码',
                        dataIndex: 'password',
                        render: (value: string) => (
                          <Typography.Text copyable code>
                            {value}
                          </Typography.Text>
                        ),
                      },
                    ]}
                  />
                </>
              )}
            </>
          )}
        />
      </Space>
      <ApiErrorAlert error={people.error ?? unlock.error} />
      <Table<UserView>
        rowKey="id"
        aria-label="人员"
        loading={people.isLoading}
        dataSource={rows}
        pagination={{ pageSize: 50, showTotal: (total) => `共 ${total} 人` }}
        columns={[
          { title: '用户名', dataIndex: 'username' },
          { title: '姓名', dataIndex: 'displayName' },
          { title: '单位', dataIndex: 'unitCode', render: (code: string) => units.nameOf(code) },
          {
            title: '角色',
            dataIndex: 'roles',
            render: (roles: Role[]) => roles.map((r) => <Tag key={r}>{ROLE_LABELS[r]}</Tag>),
          },
          {
            title: '状态',
            render: (_, person) =>
              !person.active ? (
                <Tag>已停用</Tag>
              ) : isLocked(person, now) ? (
                <Tag color="red">锁定至 {showTime(person.lockedUntil)}</Tag>
              ) : (
                <Tag color="green">在用</Tag>
              ),
          },
          {
            title: '操作',
            render: (_, person) => (
              <Space size={0} wrap>
                <Button type="link" size="small" onClick={() => setEditing(person)}>
                  修改
                </Button>
                <Button type="link" size="small" onClick={() => setResetting(person)}>
                  重置密码
                </Button>
                {isLocked(person, now) && (
                  <Button
                    type="link"
                    size="small"
                    loading={unlock.isPending && unlock.variables === person.id}
                    onClick={() => unlock.mutate(person.id)}
                  >
                    解锁
                  </Button>
                )}
                <Button type="link" size="small" onClick={() => setTokensOf(person)}>
                  API 令牌
                </Button>
                <Button type="link" size="small" danger={person.active} onClick={() => setToggling(person)}>
                  {person.active ? '停用' : '启用'}
                </Button>
                <Link to={`/admin/audit?subject=${encodeURIComponent(`user:${person.id}`)}`}>审计记录</Link>
              </Space>
            ),
          },
        ]}
      />
      <CreatePersonModal open={creating} onClose={() => setCreating(false)} tree={tree} />
      <EditPersonModal person={editing} onClose={() => setEditing(null)} tree={tree} />
      <ActiveModal person={toggling} onClose={() => setToggling(null)} />
      <ResetPasswordModal person={resetting} onClose={() => setResetting(null)} />
      <TokensDrawer person={tokensOf} onClose={() => setTokensOf(null)} />
    </Space>
  );
}
