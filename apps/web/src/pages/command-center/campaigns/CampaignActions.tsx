import { Button, Popconfirm, Space } from 'antd';
import { Link } from 'react-router';
import { api, must } from '../../../api/client';
import { ApiErrorAlert } from '../../../shared/ApiErrorAlert';
import { useCommand } from '../../../shared/useCommand';
import { useCampaignDetail } from './campaign-desk-queries';
import { ReasonButton } from './ReasonButton';

type Step = 'launch' | 'pause' | 'resume' | 'close';

/**
 * The command center's campaign commands for the battle map's header: launch a draft, pause,
 * resume, close (each with its reason), and links to the plan and, once closed, the final report.
 */
export function CampaignActions({ campaignId }: { campaignId: string }) {
  const detail = useCampaignDetail(campaignId);
  const command = useCommand(
    ({ step, text }: { step: Step; text?: string }, key: string) => {
      const headers = { 'Idempotency-Key': key };
      const path = { id: campaignId };
      if (step === 'launch')
        return must(api.POST('/api/campaigns/{id}/launch', { params: { path }, headers }));
      if (step === 'close')
        return must(
          api.POST('/api/campaigns/{id}/close', { params: { path }, headers, body: { note: text ?? '' } }),
        );
      return must(
        api.POST(step === 'pause' ? '/api/campaigns/{id}/pause' : '/api/campaigns/{id}/resume', {
          params: { path },
          headers,
          body: { reason: text ?? '' },
        }),
      );
    },
    {
      invalidates: [['campaigns']],
      success: (result) => `行动${(result as { statusLabel: string }).statusLabel}`,
    },
  );
  const status = detail.data?.status;
  if (!status) return null;
  const send = (step: Step) => (text: string) => command.mutateAsync({ step, text });
  return (
    <Space wrap data-testid="campaign-actions">
      <Link to={`/campaigns/${campaignId}/plan`}>
        <Button>计划与版本</Button>
      </Link>
      {status === 'draft' && (
        <Popconfirm
          title="启动后各单位开始签订责任状，任务开始计时。确定启动？"
          okText="启动"
          cancelText="取消"
          onConfirm={() => command.mutate({ step: 'launch' })}
        >
          <Button type="primary" loading={command.isPending}>
            启动行动
          </Button>
        </Popconfirm>
      )}
      {status === 'running' && (
        <ReasonButton
          label="暂停"
          title="暂停行动"
          field="暂停理由"
          onSubmit={send('pause')}
          pending={command.isPending}
          error={command.error}
        />
      )}
      {status === 'paused' && (
        <ReasonButton
          label="恢复"
          title="恢复行动"
          field="恢复理由"
          onSubmit={send('resume')}
          pending={command.isPending}
          error={command.error}
        />
      )}
      {(status === 'running' || status === 'paused') && (
        <>
          <Link to={`/campaigns/${campaignId}/submitted`}>
            <Button>待验收任务</Button>
          </Link>
          <ReasonButton
            label="结束行动"
            title="结束行动：所有任务随之结束，生成总结报告"
            field="结束说明"
            onSubmit={send('close')}
            pending={command.isPending}
            error={command.error}
            buttonProps={{ danger: true }}
          />
        </>
      )}
      {status === 'closed' && (
        <Link to={`/campaigns/${campaignId}/report`}>
          <Button>总结报告</Button>
        </Link>
      )}
      {status === 'draft' && <ApiErrorAlert error={command.error} />}
    </Space>
  );
}
