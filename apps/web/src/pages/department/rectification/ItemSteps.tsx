import { Card, Space } from 'antd';
import { api, must } from '../../../api/client';
import { ExtensionRequestForm } from './ExtensionRequestForm';
import { stepRefusals, type ItemDetail } from './item-steps';
import { TextAction } from './TextAction';

const headers = (idempotencyKey: string) => ({ 'Idempotency-Key': idempotencyKey });

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
  const path = { params: { path: { id: item.id } } };
  const cards = [
    unitSteps && !refusals['record-progress'] && (
      <Card size="small" title="报送整改进展" key="progress">
        <TextAction
          name="item-progress"
          itemId={item.id}
          field="note"
          fieldLabel="整改进展"
          button="报送进展"
          success="进展已报送"
          send={(note, key) =>
            must(
              api.POST('/api/rectifications/{id}/progress', {
                ...path,
                headers: headers(key),
                body: { note },
              }),
            )
          }
        />
      </Card>
    ),
    unitSteps && !refusals['mark-basic-done'] && (
      <Card size="small" title="基本整改到位" key="basic-done">
        <TextAction
          name="item-basic-done"
          itemId={item.id}
          field="note"
          fieldLabel="基本整改情况"
          button="标记基本整改到位"
          success="已标记基本整改到位"
          send={(note, key) =>
            must(
              api.POST('/api/rectifications/{id}/basic-done', {
                ...path,
                headers: headers(key),
                body: { note },
              }),
            )
          }
        />
      </Card>
    ),
    unitSteps && !refusals.submit && (
      <Card size="small" title="申请销号" key="submit">
        <TextAction
          name="item-submit"
          itemId={item.id}
          field="note"
          fieldLabel="整改完成情况"
          button="提交销号申请"
          success="销号申请已提交"
          send={(note, key) =>
            must(
              api.POST('/api/rectifications/{id}/submit', { ...path, headers: headers(key), body: { note } }),
            )
          }
        />
      </Card>
    ),
    unitSteps && item.status !== 'closed' && (
      <Card size="small" title="申请延期" key="extension">
        <ExtensionRequestForm item={item} refusal={refusals['request-extension']} />
      </Card>
    ),
    verifierSteps && !refusals.accept && (
      <Card size="small" title="验收销号" key="accept">
        <TextAction
          name="item-accept"
          itemId={item.id}
          field="note"
          fieldLabel="验收意见"
          button="验收通过，予以销号"
          success="已销号"
          send={(note, key) =>
            must(
              api.POST('/api/rectifications/{id}/accept', { ...path, headers: headers(key), body: { note } }),
            )
          }
        />
      </Card>
    ),
    verifierSteps && !refusals.reject && (
      <Card size="small" title="退回整改" key="reject">
        <TextAction
          name="item-reject"
          itemId={item.id}
          field="reason"
          fieldLabel="退回理由"
          button="退回整改"
          danger
          success="已退回整改"
          send={(reason, key) =>
            must(
              api.POST('/api/rectifications/{id}/reject', {
                ...path,
                headers: headers(key),
                body: { reason },
              }),
            )
          }
        />
      </Card>
    ),
  ].filter(Boolean);
  if (cards.length === 0) return null;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      {cards}
    </Space>
  );
}
