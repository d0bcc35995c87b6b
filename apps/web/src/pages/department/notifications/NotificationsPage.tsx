import { useQuery } from '@tanstack/react-query';
import { Badge, Card, Flex, List, Segmented, Typography, theme } from 'antd';
import { useNavigate, useSearchParams } from 'react-router';
import { api, must } from '../../../api/client';
import type { components } from '../../../api/schema';
import { ApiErrorAlert } from '../../../shared/ApiErrorAlert';
import { showTime } from '../../../shared/deadline';
import { PageSpinner } from '../../../shared/PageSpinner';
import { subjectPath } from '../../../shared/subject-path';
import { useCommand } from '../../../shared/useCommand';

type NotificationView = components['schemas']['NotificationView'];

/** The person's notifications, newest first; opening one marks it read and leads to its object. */
export default function NotificationsPage() {
  const [searchParams, setSearchParams] = useSearchParams();
  const navigate = useNavigate();
  const { token } = theme.useToken();
  const unreadOnly = searchParams.get('unread') === '1';
  const list = useQuery({
    queryKey: ['notifications', 'list', { unread: unreadOnly }],
    queryFn: () =>
      must(api.GET('/api/notifications', { params: { query: unreadOnly ? { unread: true } : {} } })),
  });
  const read = useCommand(
    (notification: NotificationView, idempotencyKey) =>
      notification.readAt
        ? Promise.resolve(notification)
        : must(
            api.POST('/api/notifications/{id}/read', {
              params: { path: { id: notification.id } },
              headers: { 'Idempotency-Key': idempotencyKey },
            }),
          ),
    { invalidates: [['notifications']] },
  );
  const open = (notification: NotificationView) =>
    read.mutate(notification, {
      onSuccess: () => {
        const path = subjectPath(notification.subject);
        if (path) void navigate(path);
      },
    });

  return (
    <div>
      <Flex wrap gap={8} justify="space-between" align="center" style={{ marginBottom: 12 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          通知
        </Typography.Title>
        <Segmented
          aria-label="筛选"
          value={unreadOnly ? 'unread' : 'all'}
          options={[
            { value: 'all', label: '全部' },
            { value: 'unread', label: '未读' },
          ]}
          onChange={(value) => {
            const next = new URLSearchParams(searchParams);
            if (value === 'unread') next.set('unread', '1');
            else next.delete('unread');
            setSearchParams(next, { replace: true });
          }}
        />
      </Flex>
      <ApiErrorAlert error={read.error} style={{ marginBottom: 12 }} />
      {list.isLoading ? (
        <PageSpinner />
      ) : list.error ? (
        <ApiErrorAlert error={list.error} />
      ) : (
        <List
          aria-label="通知列表"
          dataSource={list.data ?? []}
          locale={{ emptyText: unreadOnly ? '没有未读通知' : '暂无通知' }}
          renderItem={(notification) => {
            const unread = !notification.readAt;
            return (
              <List.Item key={notification.id} style={{ padding: '6px 0', border: 'none' }}>
                <Card
                  size="small"
                  hoverable
                  role="link"
                  tabIndex={0}
                  aria-label={`${unread ? '未读：' : ''}${notification.title}`}
                  data-testid="notification"
                  data-unread={unread}
                  onClick={() => open(notification)}
                  onKeyDown={(event) => {
                    if (event.key === 'Enter' || event.key === ' ') {
                      event.preventDefault();
                      open(notification);
                    }
                  }}
                  style={{
                    width: '100%',
                    cursor: 'pointer',
                    background: unread ? token.colorPrimaryBg : undefined,
                    borderLeft: `4px solid ${unread ? token.colorPrimary : token.colorBorderSecondary}`,
                  }}
                >
                  <Flex gap={8} align="baseline" wrap>
                    {unread && <Badge status="processing" />}
                    <Typography.Text strong={unread} style={{ overflowWrap: 'anywhere', flex: 1 }}>
                      {notification.title}
                    </Typography.Text>
                    <Typography.Text type="secondary">{showTime(notification.createdAt)}</Typography.Text>
                  </Flex>
                  <Typography.Paragraph
                    type="secondary"
                    style={{ margin: '4px 0 0', overflowWrap: 'anywhere' }}
                    ellipsis={{ rows: 3 }}
                  >
                    {notification.body}
                  </Typography.Paragraph>
                </Card>
              </List.Item>
            );
          }}
        />
      )}
    </div>
  );
}
