import { Card, Space } from 'antd';
import { api, must } from '../../../api/client';
import { ExtensionRequestForm } from './ExtensionRequestForm';
import { stepRefusals, type ItemDetail, type ItemStep } from './item-steps';
import { TextAction } from './TextAction';

type TextStep = Exclude<ItemStep, 'request-extension'>;
type StepPath = `/api/rectifications/{id}/${'progress' | 'basic-done' | 'submit' | 'accept'}`;

/** The text steps: who takes them, their wording, and the API path or body they send. */
const TEXT_STEPS: Array<{
  step: TextStep;
  by: 'unit' | 'verifier';
  title: string;
  fieldLabel: string;
  button: string;
  success: string;
  path?: StepPath;
}> = [
  {
    step: 'record-progress',
    by: 'unit',
    title: '报送整改进展',
    fieldLabel: '整改进展',
    button: '报送进展',
    success: '进展已报送',
    path: '/api/rectifications/{id}/progress',
  },
  {
    step: 'mark-basic-done',
    by: 'unit',
    title: '基本整改到位',
    fieldLabel: '基本整改情况',
    button: '标记基本整改到位',
    success: '已标记基本整改到位',
    path: '/api/rectifications/{id}/basic-done',
  },
  {
    step: 'submit',
    by: 'unit',
    title: '申请销号',
    fieldLabel: '整改完成情况',
    button: '提交销号申请',
    success: '销号申请已提交',
    path: '/api/rectifications/{id}/submit',
  },
  {
    step: 'accept',
    by: 'verifier',
    title: '验收销号',
    fieldLabel: '验收意见',
    button: '验收通过，予以销号',
    success: '已销号',
    path: '/api/rectifications/{id}/accept',
  },
  // the one step with a reason instead of a note
  {
    step: 'reject',
    by: 'verifier',
    title: '退回整改',
    fieldLabel: '退回理由',
    button: '退回整改',
    success: '已退回整改',
  },
];

/**
 * The steps this person may take on the item now: the responsible unit's (progress, basic done,
 * submit for close-out, extension) and the verifier's (accept or reject). Steps the item's status
 * does not allow (libs/domain's `decide`) or the person's role does not take are not shown.
 */
export function ItemSteps({
  item,
  unitSteps,
  verifierSteps,
}: {
  item: ItemDetail;
  unitSteps: boolean;
  verifierSteps: boolean;
}) {
  const refusals = stepRefusals(item);
  const params = { path: { id: item.id } };
  const takes = (by: 'unit' | 'verifier') => (by === 'unit' ? unitSteps : verifierSteps);
  const send = (path: StepPath | undefined) => (text: string, idempotencyKey: string) => {
    const headers = { 'Idempotency-Key': idempotencyKey };
    return path
      ? must(api.POST(path, { params, headers, body: { note: text } }))
      : must(api.POST('/api/rectifications/{id}/reject', { params, headers, body: { reason: text } }));
  };
  const card = (step: (typeof TEXT_STEPS)[number]) => (
    <Card size="small" title={step.title} key={step.step}>
      <TextAction
        name={`item-${step.step}`}
        itemId={item.id}
        field={step.path ? 'note' : 'reason'}
        fieldLabel={step.fieldLabel}
        button={step.button}
        success={step.success}
        danger={step.step === 'reject'}
        send={send(step.path)}
      />
    </Card>
  );
  const open = (by: 'unit' | 'verifier') =>
    TEXT_STEPS.filter((step) => step.by === by && takes(by) && !refusals[step.step]).map(card);
  const cards = [
    ...open('unit'),
    unitSteps && item.status !== 'closed' && (
      <Card size="small" title="申请延期" key="extension">
        <ExtensionRequestForm item={item} refusal={refusals['request-extension']} />
      </Card>
    ),
    ...open('verifier'),
  ].filter(Boolean);
  if (cards.length === 0) return null;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      {cards}
    </Space>
  );
}
