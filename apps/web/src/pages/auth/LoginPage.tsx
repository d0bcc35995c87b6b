import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Spin, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { api, must } from '../../api/client';
import {
  currentAccessToken,
  mustChangePassword as passwordChangeRequired,
  refreshSession,
  setPasswordChangeRequired,
  signIn,
  signOut,
} from '../../api/session';
import { ApiErrorAlert } from '../../shared/ApiErrorAlert';
import { showProblemsOnFields } from '../../shared/form-problems';
import { useCommand } from '../../shared/useCommand';

interface Credentials {
  username: string;
  password: string;
}

interface NewPassword {
  currentPassword: string;
  newPassword: string;
  repeated: string;
}

/**
 * 设置新密码: after an admin's reset the API allows nothing else until the person chooses a new
 * password (current one, the new one twice).
 */
function NewPasswordStep({ onDone, onCancel }: { onDone: () => void; onCancel: () => void }) {
  const [form] = Form.useForm<NewPassword>();
  const change = useCommand(
    ({ currentPassword, newPassword }: NewPassword, key: string) =>
      must(
        api.POST('/api/users/me/password', {
          body: { currentPassword, newPassword },
          headers: { 'Idempotency-Key': key },
        }),
      ),
    { success: '新密码已设置', onSuccess: onDone },
  );
  return (
    <Form<NewPassword>
      form={form}
      layout="vertical"
      requiredMark={false}
      onFinish={(values) => change.mutate(values, { onError: (error) => showProblemsOnFields(form, error) })}
    >
      <Typography.Title level={4}>设置新密码</Typography.Title>
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title="管理员已重置您的密码，请先设置新密码再继续使用。"
      />
      <ApiErrorAlert error={change.error} style={{ marginBottom: 16 }} />
      <Form.Item
        label="当前密码"
        name="currentPassword"
        rules={[{ required: true, message: '请输入管理员告知的当前密码' }]}
      >
        <Input.Password autoComplete="current-password" autoFocus />
      </Form.Item>
      <Form.Item
        label="新密码"
        name="newPassword"
        rules={[
          { required: true, message: '请输入新密码' },
          { min: 12, message: '新密码至少 12 位' },
          ({ getFieldValue }) => ({
            validator: (_, value: string | undefined) =>
              value && value === getFieldValue('currentPassword')
                ? Promise.reject(new Error('新密码不能与当前密码相同'))
                : Promise.resolve(),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        label="确认新密码"
        name="repeated"
        dependencies={['newPassword']}
        rules={[
          { required: true, message: '请再次输入新密码' },
          ({ getFieldValue }) => ({
            validator: (_, value: string | undefined) =>
              !value || value === getFieldValue('newPassword')
                ? Promise.resolve()
                : Promise.reject(new Error('两次输入的新密码不一致')),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Button type="primary" htmlType="submit" block loading={change.isPending}>
        设置新密码并继续
      </Button>
      <Button type="link" block onClick={onCancel} style={{ marginTop: 8 }}>
        退出登录
      </Button>
    </Form>
  );
}

/** Sign-in. After it, the person goes where they were headed, or to their home page. */
export default function LoginPage() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [params] = useSearchParams();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Signed in already but sent here to choose a new password (a reset meanwhile).
  const [mustChangePassword, setMustChangePassword] = useState(
    () => currentAccessToken() !== null && passwordChangeRequired(),
  );
  // A reload here forgets the session in memory: the refresh cookie may still hold one (a person
  // reloading 设置新密码 must see it again, one signed in goes on), so it is tried once first.
  const [restoring, setRestoring] = useState(() => currentAccessToken() === null);

  const proceed = async () => {
    queryClient.clear();
    const next = params.get('next');
    await navigate(next && next.startsWith('/') && !next.startsWith('//') ? next : '/', { replace: true });
  };

  useEffect(() => {
    if (!restoring) return;
    void refreshSession().then(async (token) => {
      if (token && passwordChangeRequired()) setMustChangePassword(true);
      else if (token) await proceed();
      setRestoring(false);
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once, on the first render
  }, []);

  const submit = async ({ username, password }: Credentials) => {
    setBusy(true);
    setError(null);
    try {
      const signedIn = await signIn(username, password);
      if (signedIn.mustChangePassword) setMustChangePassword(true);
      else await proceed();
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div
      style={{
        minHeight: '100vh',
        display: 'grid',
        placeItems: 'center',
        padding: 16,
        background: '#f5f5f5',
      }}
    >
      <Card style={{ width: '100%', maxWidth: 380 }}>
        <Typography.Title level={3} style={{ textAlign: 'center' }}>
          攻坚行动指挥平台
        </Typography.Title>
        <main>
          {restoring ? (
            <Spin size="large" tip="正在恢复登录状态…">
              <div style={{ minHeight: 120 }} />
            </Spin>
          ) : mustChangePassword ? (
            <NewPasswordStep
              onDone={() => {
                setPasswordChangeRequired(false);
                void proceed();
              }}
              onCancel={() => void signOut().then(() => setMustChangePassword(false))}
            />
          ) : (
            <Form<Credentials>
              layout="vertical"
              onFinish={(values) => void submit(values)}
              requiredMark={false}
            >
              {error && (
                <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" />
              )}
              <Form.Item label="用户名" name="username" rules={[{ required: true, message: '请输入用户名' }]}>
                <Input prefix={<UserOutlined />} autoComplete="username" autoFocus />
              </Form.Item>
              <Form.Item label="密码" name="password" rules={[{ required: true, message: '请输入密码' }]}>
                <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
              </Form.Item>
              <Button type="primary" htmlType="submit" block loading={busy}>
                登录
              </Button>
            </Form>
          )}
        </main>
      </Card>
    </div>
  );
}
