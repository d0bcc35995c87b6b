import { useQueryClient } from '@tanstack/react-query';
import { Alert, Card, DatePicker, Descriptions, Form, Space, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { api, must } from '../../../api/client';
import type { Role } from '../../../app/access';
import { showDeadline } from '../../../shared/deadline';
import { useCommand } from '../../../shared/useCommand';
import { deadlineDateOf } from '../../department/campaign-task/view-values';
import { itemQueryKey } from '../../department/rectification/item-queries';
import { pendingExtensionOf, refusalOf, type ItemDetail } from '../../department/rectification/item-steps';
import { ReasonButton } from '../campaigns/ReasonButton';
import { PersonPicker } from './PersonPicker';

type DeskPath =
  `/api/rectifications/{id}/${'pause' | 'resume' | 'reopen' | 'reassign' | 'extension-decision'}`;

/**
 * One desk step of an item: its command (with an Idempotency-Key); `run` resolves once it is
 * applied and refetches the item only after that, so the dialog closes before the step's button
 * (no longer legal) goes away with it.
 */
function useItemCommand<TBody extends object>(item: ItemDetail, path: DeskPath, success: string) {
  const queryClient = useQueryClient();
  const command = useCommand(
    (body: TBody, idempotencyKey) =>
      must(
        api.POST(path, {
          params: { path: { id: item.id } },
          headers: { 'Idempotency-Key': idempotencyKey },
          body: body as never,
        }),
      ),
    { success },
  );
  const run = async (body: TBody) => {
    await command.mutateAsync(body);
    setTimeout(() => {
      void queryClient.invalidateQueries({ queryKey: itemQueryKey(item.id) });
      void queryClient.invalidateQueries({ queryKey: ['rectifications'] });
    });
  };
  return { ...command, run };
}

const dateOf = (value: unknown) => (value ? (value as Dayjs).format('YYYY-MM-DD') : undefined);
const PROBE = { reason: '' };

/**
 * The command center's steps on an item (指挥部督办): decide a pending extension (the requested
 * deadlines shown; approve or refuse with a reason), pause and resume the clock, reassign the
 * responsible person (chosen by name among the responsible unit's staff), reopen a closed item
 * (回头看, with new deadlines if given; inspectors too). Only steps the process rules allow now are
 * offered; each refusal shows in its dialog.
 */
export function ItemDeskActions({ item, roles }: { item: ItemDetail; roles: Role[] }) {
  const manages = roles.includes('command-center');
  const reopens = manages || roles.includes('inspector');
  const pending = pendingExtensionOf(item);
  const decide = useItemCommand<{ approve: boolean; reason: string }>(
    item,
    '/api/rectifications/{id}/extension-decision',
    '已审批延期申请',
  );
  const pause = useItemCommand<{ reason: string }>(item, '/api/rectifications/{id}/pause', '已暂停计时');
  const resume = useItemCommand<{ reason: string }>(item, '/api/rectifications/{id}/resume', '已恢复计时');
  const reassign = useItemCommand<{ personId: string; reason: string }>(
    item,
    '/api/rectifications/{id}/reassign',
    '已更换责任人',
  );
  const reopen = useItemCommand<{ reason: string; newFullDeadline?: string; newBasicDeadline?: string }>(
    item,
    '/api/rectifications/{id}/reopen',
    '已重新打开整改',
  );
  const may = {
    pause: manages && !refusalOf(item, { type: 'pause', ...PROBE }),
    resume: manages && !refusalOf(item, { type: 'resume', ...PROBE }),
    reassign: manages && item.status !== 'closed',
    reopen: reopens && !refusalOf(item, { type: 'reopen', ...PROBE, newBasic: null, newFull: null }),
  };
  if (!(manages && pending) && !Object.values(may).some(Boolean)) return null;

  return (
    <Card size="small" title="指挥部督办" data-testid="item-desk">
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        {manages && pending && (
          <Alert
            type="warning"
            showIcon
            title="延期申请待审批"
            description={
              <Space orientation="vertical" size={8} style={{ width: '100%' }}>
                <Descriptions size="small" column={1}>
                  <Descriptions.Item label="申请全面整改期限延至">
                    {showDeadline(pending.newFull, deadlineDateOf(pending.newFull))}
                  </Descriptions.Item>
                  {pending.newBasic && (
                    <Descriptions.Item label="申请基本整改期限延至">
                      {showDeadline(pending.newBasic, deadlineDateOf(pending.newBasic))}
                    </Descriptions.Item>
                  )}
                  <Descriptions.Item label="延期理由">
                    <span style={{ overflowWrap: 'anywhere' }}>{pending.reason}</span>
                  </Descriptions.Item>
                </Descriptions>
                <Space wrap>
                  <ReasonButton
                    label="批准延期"
                    title="批准延期"
                    field="审批意见"
                    buttonProps={{ type: 'primary' }}
                    extra={
                      <Typography.Paragraph>
                        批准后全面整改期限为 {showDeadline(pending.newFull, deadlineDateOf(pending.newFull))}
                        {pending.newBasic &&
                          `，基本整改期限为 ${showDeadline(pending.newBasic, deadlineDateOf(pending.newBasic))}`}
                        ，督办从新期限重新起算。
                      </Typography.Paragraph>
                    }
                    pending={decide.isPending}
                    error={decide.error}
                    onSubmit={(reason) => decide.run({ approve: true, reason })}
                  />
                  <ReasonButton
                    label="不予批准"
                    title="不予批准延期"
                    field="不予批准的理由"
                    buttonProps={{ danger: true }}
                    pending={decide.isPending}
                    error={decide.error}
                    onSubmit={(reason) => decide.run({ approve: false, reason })}
                  />
                </Space>
              </Space>
            }
          />
        )}
        <Space wrap>
          {may.pause && (
            <ReasonButton
              label="暂停计时"
              title="暂停计时（暂停期间不计逾期）"
              field="暂停理由"
              pending={pause.isPending}
              error={pause.error}
              onSubmit={(reason) => pause.run({ reason })}
            />
          )}
          {may.resume && (
            <ReasonButton
              label="恢复计时"
              title="恢复计时"
              field="恢复理由"
              pending={resume.isPending}
              error={resume.error}
              onSubmit={(reason) => resume.run({ reason })}
            />
          )}
          {may.reassign && (
            <ReasonButton
              label="更换责任人"
              title="更换责任人"
              field="更换理由"
              pending={reassign.isPending}
              error={reassign.error}
              extra={
                <Form.Item
                  name="personId"
                  label="新责任人"
                  extra="责任单位的在岗人员，输入姓名搜索"
                  rules={[{ required: true, message: '请选择新责任人' }]}
                >
                  <PersonPicker scope={{ unit: item.responsibleUnit }} aria-label="新责任人" />
                </Form.Item>
              }
              onSubmit={(reason, values) => reassign.run({ personId: String(values.personId), reason })}
            />
          )}
          {may.reopen && (
            <ReasonButton
              label="回头看：重新打开"
              title="回头看：重新打开整改"
              field="重新打开的理由"
              buttonProps={{ danger: true }}
              pending={reopen.isPending}
              error={reopen.error}
              extra={
                <>
                  <Form.Item name="newFullDeadline" label="新的全面整改期限（不填则沿用原期限）">
                    <DatePicker style={{ width: '100%' }} />
                  </Form.Item>
                  <Form.Item name="newBasicDeadline" label="新的基本整改期限（可不填）">
                    <DatePicker style={{ width: '100%' }} />
                  </Form.Item>
                </>
              }
              onSubmit={(reason, values) =>
                reopen.run({
                  reason,
                  newFullDeadline: dateOf(values.newFullDeadline),
                  newBasicDeadline: dateOf(values.newBasicDeadline),
                })
              }
            />
          )}
        </Space>
      </Space>
    </Card>
  );
}
