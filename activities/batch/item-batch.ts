import type { Client } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { itemCommandUpdate } from '../../libs/contracts/src/rectification/rectification-item';
import type { ItemFilter } from '../../libs/database/src/rectification/item-filter';
import { ItemReferenceQueries } from '../../libs/database/src/rectification/item-references.queries';
import type { RectificationItem } from '../../libs/database/src/rectification/rectification-item.entity';
import { RectificationItemQueries } from '../../libs/database/src/rectification/rectification-item.queries';
import { mayTakeItemStep, notYourItem } from '../../libs/domain/src/rectification/item-access';
import type { ItemCommand } from '../../libs/domain/src/rectification/item-process';
import { callerOf, sendStep, type BatchKindHandler, type Refusal } from './batch-kind';

/** What a person knows an item by: its number in the ledger and the start of its problem. */
export const itemLabel = (item: Pick<RectificationItem, 'number' | 'problem'>) =>
  `第${item.number}号 ${item.problem.length > 40 ? `${item.problem.slice(0, 40)}…` : item.problem}`;

const ITEM_CLOSED: Refusal = { code: 'ITEM_CLOSED', message: '该问题已销号，不能再办理' };

/** `rectification-step`: one step of the item process on the items the item list's filter matches. */
export function itemBatch(dataSource: DataSource, client: Client): BatchKindHandler {
  return {
    async resolve(manager, batch) {
      const filter = batch.filter as ItemFilter;
      const references = new ItemReferenceQueries(manager);
      const unit = filter.unit ? await references.unitByCode(filter.unit) : null;
      const caller = callerOf(batch);
      const items =
        filter.unit && !unit
          ? []
          : await new RectificationItemQueries(manager).matching(
              { ...filter, unitPath: unit?.path },
              caller,
              batch.createdAt,
            );
      const step = batch.step as ItemCommand;
      // A new responsible person must be of the item's own unit (as the single reassignment checks).
      const person = step.type === 'reassign' ? await references.person(step.personId) : null;
      return items.map((item) => {
        let refusal: Refusal | null = mayTakeItemStep(caller, item, step.type)
          ? null
          : notYourItem(step.type);
        if (!refusal && step.type === 'reassign' && person?.unitCode !== item.responsibleUnit)
          refusal = { code: 'PERSON_NOT_OF_UNIT', message: '新责任人必须是该问题责任单位的在岗人员' };
        return { objectId: item.id, label: itemLabel(item), refusal };
      });
    },

    async apply(batch, object) {
      const item = await new RectificationItemQueries(dataSource.manager).byIdOrFail(object.objectId);
      if (item.status === 'closed') return ITEM_CLOSED;
      return sendStep(client, batch, item.id, item.workflowId, itemCommandUpdate);
    },
  };
}
