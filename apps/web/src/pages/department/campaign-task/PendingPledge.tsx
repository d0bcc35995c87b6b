import { useQuery } from '@tanstack/react-query';
import { Alert, Space, Spin } from 'antd';
import { lazy, Suspense } from 'react';
import { api, must } from '../../../api/client';
import { showDeadline } from '../../../shared/deadline';
import { textOf } from './view-values';

// The sign form (and the form code) loads only when a pledge is to be signed.
const PledgeForm = lazy(() => import('./PledgeForm'));

export const campaignQueryKey = (campaignId: string) => ['campaign', campaignId] as const;

/**
 * The unit's responsibility pledge (责任状) of a campaign when it is still to be signed: the
 * deadline for signing and the sign step. Nothing when signed or when the unit has none.
 */
export function PendingPledge({
  campaignId,
  unitCode,
  canSign,
}: {
  campaignId: string;
  unitCode: string;
  canSign: boolean;
}) {
  const campaign = useQuery({
    queryKey: campaignQueryKey(campaignId),
    queryFn: () => must(api.GET('/api/campaigns/{id}', { params: { path: { id: campaignId } } })),
  });
  const data = campaign.data;
  const pledge = data?.pledges.find((p) => p.unit === unitCode);
  if (!data || !pledge || pledge.signed) return null;
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 12 }}
      title={`「${data.name}」责任状待签订`}
      description={
        <Space orientation="vertical" style={{ width: '100%' }}>
          <span>
            签订期限：
            {showDeadline(textOf(data.pledgeDeadline), data.pledgeDeadlineDate)}
          </span>
          {canSign && (
            <Suspense fallback={<Spin size="small" />}>
              <PledgeForm campaignId={campaignId} />
            </Suspense>
          )}
        </Space>
      }
    />
  );
}
