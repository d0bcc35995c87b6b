import { BellOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Badge, Button } from 'antd';
import { useNavigate } from 'react-router';
import { api, must } from '../../../api/client';

export const UNREAD_QUERY_KEY = ['notifications', 'unread'] as const;

/** The bell in the header: the unread count, leading to the notification list. */
export function NotificationBell() {
  const navigate = useNavigate();
  const unread = useQuery({
    queryKey: UNREAD_QUERY_KEY,
    queryFn: () => must(api.GET('/api/notifications', { params: { query: { unread: true } } })),
    refetchInterval: 30_000,
  });
  const count = unread.data?.length ?? 0;
  return (
    <Badge count={count} size="small" overflowCount={99}>
      <Button
        aria-label={`通知，${count} 条未读`}
        icon={<BellOutlined />}
        onClick={() => void navigate('/notifications')}
      />
    </Badge>
  );
}
