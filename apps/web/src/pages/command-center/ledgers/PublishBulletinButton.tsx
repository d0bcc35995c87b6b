import { NotificationOutlined } from '@ant-design/icons';
import { Button, Popconfirm, Space } from 'antd';
import { api, must } from '../../../api/client';
import { ApiErrorAlert } from '../../../shared/ApiErrorAlert';
import { useCommand } from '../../../shared/useCommand';
import { ledgerKeys } from '../../leadership/ledgers/ledger-queries';

/**
 * 立即发布通报: a bulletin of the ledger as it stands now, numbered after the last one and frozen
 * once published; it then heads the bulletin list. A refusal shows beside the button.
 */
export function PublishBulletinButton({ ledgerId }: { ledgerId: string }) {
  const publish = useCommand(
    (_: void, idempotencyKey) =>
      must(
        api.POST('/api/ledgers/{ledgerId}/bulletins', {
          params: { path: { ledgerId } },
          headers: { 'Idempotency-Key': idempotencyKey },
        }),
      ),
    {
      invalidates: [ledgerKeys.bulletins(ledgerId)],
      success: (bulletin) => `已发布第 ${bulletin.number} 期通报`,
    },
  );
  return (
    <Space orientation="vertical" size={4}>
      <Popconfirm
        title="立即发布通报？"
        description="按台账当前情况生成一期通报，发布后不可更改。"
        okText="发布"
        cancelText="取消"
        onConfirm={() => publish.mutate()}
      >
        <Button icon={<NotificationOutlined />} loading={publish.isPending}>
          立即发布通报
        </Button>
      </Popconfirm>
      <ApiErrorAlert error={publish.error} />
    </Space>
  );
}
