import { App, Form, Input, Modal, Select, TreeSelect } from 'antd';
import { useEffect } from 'react';
import { ROLE_LABELS, ROLES, type Role } from '../../../../../../libs/domain/src/access/roles';
import { api, must } from '../../../api/client';
import { ApiErrorAlert } from '../../../shared/ApiErrorAlert';
import { showProblemsOnFields } from '../../../shared/form-problems';
import { useCommand } from '../../../shared/useCommand';
import type { UnitNode } from '../unit-tree';
import { PEOPLE_KEY, type UserView } from './people-queries';

export const ROLE_OPTIONS = ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role] }));

interface NewPerson {
  username: string;
  displayName: string;
  unitCode: string;
  roles: Role[];
  password?: string;
}

export function CreatePersonModal({
  open,
  onClose,
  tree,
}: {
  open: boolean;
  onClose: () => void;
  tree: UnitNode[];
}) {
  const [form] = Form.useForm<NewPerson>();
  const create = useCommand(
    (body: NewPerson, key: string) =>
      must(
        api.POST('/api/users', {
          body: { ...body, password: body.password || undefined },
          headers: { 'Idempotency-Key': key },
        }),
      ),
    {
      invalidates: [[...PEOPLE_KEY]],
      success: (person) => `已新建人员 ${person.displayName}`,
      onSuccess: () => {
        form.resetFields();
        onClose();
      },
    },
  );
  return (
    <Modal
      title="新建人员"
      open={open}
      onCancel={onClose}
      okText="新建"
      confirmLoading={create.isPending}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Form<NewPerson>
        form={form}
        name="new-person"
        layout="vertical"
        onFinish={(values) =>
          create.mutate(values, { onError: (error) => showProblemsOnFields(form, error) })
        }
      >
        <ApiErrorAlert error={create.error} style={{ marginBottom: 16 }} />
        <Form.Item label="用户名" name="username" rules={[{ required: true, message: '请输入用户名' }]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item label="姓名" name="displayName" rules={[{ required: true, message: '请输入姓名' }]}>
          <Input />
        </Form.Item>
        <Form.Item label="所属单位" name="unitCode" rules={[{ required: true, message: '请选择单位' }]}>
          <TreeSelect treeData={tree} showSearch treeNodeFilterProp="title" treeDefaultExpandAll />
        </Form.Item>
        <Form.Item label="角色" name="roles" rules={[{ required: true, message: '请选择至少一个角色' }]}>
          <Select mode="multiple" options={ROLE_OPTIONS} />
        </Form.Item>
        <Form.Item
          label="初始密码"
          name="password"
          extra="至少 12 位；不填则只能用 API 令牌访问"
          rules={[{ min: 12, message: '密码至少 12 位' }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface PersonChange {
  displayName: string;
  unitCode: string;
  roles: Role[];
  reason: string;
}

/** Name, unit and roles, with the reason the audit trail keeps. */
export function EditPersonModal({
  person,
  onClose,
  tree,
}: {
  person: UserView | null;
  onClose: () => void;
  tree: UnitNode[];
}) {
  const [form] = Form.useForm<PersonChange>();
  useEffect(() => {
    if (person)
      form.setFieldsValue({
        displayName: person.displayName,
        unitCode: person.unitCode,
        roles: person.roles,
        reason: '',
      });
  }, [person, form]);
  const update = useCommand(
    (body: PersonChange, key: string) =>
      must(
        api.PATCH('/api/users/{id}', {
          params: { path: { id: person!.id } },
          body,
          headers: { 'Idempotency-Key': key },
        }),
      ),
    { invalidates: [[...PEOPLE_KEY]], success: '已保存', onSuccess: onClose },
  );
  return (
    <Modal
      title={`修改人员：${person?.displayName ?? ''}`}
      open={person !== null}
      onCancel={onClose}
      okText="保存"
      confirmLoading={update.isPending}
      onOk={() => form.submit()}
      destroyOnHidden
      forceRender
    >
      <Form<PersonChange>
        form={form}
        name="person-edit"
        layout="vertical"
        onFinish={(values) =>
          update.mutate(values, { onError: (error) => showProblemsOnFields(form, error) })
        }
      >
        <ApiErrorAlert error={update.error} style={{ marginBottom: 16 }} />
        <Form.Item label="姓名" name="displayName" rules={[{ required: true, message: '请输入姓名' }]}>
          <Input />
        </Form.Item>
        <Form.Item label="所属单位" name="unitCode" rules={[{ required: true, message: '请选择单位' }]}>
          <TreeSelect treeData={tree} showSearch treeNodeFilterProp="title" treeDefaultExpandAll />
        </Form.Item>
        <Form.Item label="角色" name="roles" rules={[{ required: true, message: '请选择至少一个角色' }]}>
          <Select mode="multiple" options={ROLE_OPTIONS} />
        </Form.Item>
        <Form.Item label="原因" name="reason" rules={[{ required: true, message: '请填写原因（记入审计）' }]}>
          <Input placeholder="例如：岗位调整" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Deactivating (or reactivating) a person, with the reason the audit trail keeps. */
export function ActiveModal({ person, onClose }: { person: UserView | null; onClose: () => void }) {
  const [form] = Form.useForm<{ reason: string }>();
  const activating = person ? !person.active : false;
  const update = useCommand(
    ({ reason }: { reason: string }, key: string) =>
      must(
        api.PATCH('/api/users/{id}', {
          params: { path: { id: person!.id } },
          body: { active: activating, reason },
          headers: { 'Idempotency-Key': key },
        }),
      ),
    {
      invalidates: [[...PEOPLE_KEY]],
      success: activating ? '已启用' : '已停用',
      onSuccess: () => {
        form.resetFields();
        onClose();
      },
    },
  );
  return (
    <Modal
      title={`${activating ? '启用' : '停用'}：${person?.displayName ?? ''}`}
      open={person !== null}
      onCancel={onClose}
      okText={activating ? '启用' : '停用'}
      okButtonProps={{ danger: !activating }}
      confirmLoading={update.isPending}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      {!activating && <p>停用后此人无法登录，其 API 令牌也一并失效。</p>}
      <Form form={form} name="person-active" layout="vertical" onFinish={(values) => update.mutate(values)}>
        <ApiErrorAlert error={update.error} style={{ marginBottom: 16 }} />
        <Form.Item label="原因" name="reason" rules={[{ required: true, message: '请填写原因（记入审计）' }]}>
          <Input placeholder="例如：调离本县" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** An admin sets a password; the person must choose a new one at the next sign-in. */
export function ResetPasswordModal({ person, onClose }: { person: UserView | null; onClose: () => void }) {
  const [form] = Form.useForm<{ password: string }>();
  const { modal } = App.useApp();
  const reset = useCommand(
    ({ password }: { password: string }, key: string) =>
      must(
        api.POST('/api/users/{id}/password', {
          params: { path: { id: person!.id } },
          body: { password },
          headers: { 'Idempotency-Key': key },
        }),
      ),
    {
      onSuccess: () => {
        form.resetFields();
        onClose();
        void modal.success({
          title: '密码已重置',
          content: '请将临时密码告知本人；其下次登录时须先设置新密码。',
        });
      },
    },
  );
  return (
    <Modal
      title={`重置密码：${person?.displayName ?? ''}`}
      open={person !== null}
      onCancel={onClose}
      okText="重置"
      confirmLoading={reset.isPending}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <p>重置后该人员的账户锁定同时解除，下次登录时须先设置新密码。</p>
      <Form
        form={form}
        name="person-password"
        layout="vertical"
        onFinish={(values) => reset.mutate(values, { onError: (error) => showProblemsOnFields(form, error) })}
      >
        <ApiErrorAlert error={reset.error} style={{ marginBottom: 16 }} />
        <Form.Item
          label="临时密码"
          name="password"
          rules={[
            { required: true, message: '请输入临时密码' },
            { min: 12, message: '密码至少 12 位' },
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
