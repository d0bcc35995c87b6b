import { Inject, Injectable } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { Environment } from '../../../../libs/config/src/environment';
import { itemCommandUpdate } from '../../../../libs/contracts/src/rectification/rectification-item';
import { ItemReferenceQueries } from '../../../../libs/database/src/rectification/item-references.queries';
import type { RectificationItem } from '../../../../libs/database/src/rectification/rectification-item.entity';
import { RectificationItemQueries } from '../../../../libs/database/src/rectification/rectification-item.queries';
import type { ItemCommand } from '../../../../libs/domain/src/rectification/item-process';
import { TEMPORAL_CLIENT } from '../../../../libs/temporal/src/temporal.tokens';
import { auditActor, CurrentUser } from '../access/current-user';
import { describeFailure, notSentAfterOutage, OUTAGE_CODES } from '../common/describe-failure';
import { fieldInvalid } from '../common/validation-failed';
import { executeCommandUpdate } from '../common/workflow-wait';
import type { BulkResult, ItemDetailView } from './dto/rectification-view.dto';
import { assertMayTake } from './rectification-access';
import { RectificationsService } from './rectifications.service';

/** Steps on items: the per-object check here, the process's legality in the workflow's update validator. */
@Injectable()
export class ItemStepsService {
  constructor(
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    private readonly env: Environment,
    private readonly items: RectificationItemQueries,
    private readonly references: ItemReferenceQueries,
    private readonly reading: RectificationsService,
  ) {}

  /** One step on an item, answered with the item as it stands after the step. */
  async command(caller: CurrentUser, id: string, command: ItemCommand): Promise<ItemDetailView> {
    const item = await this.reading.visibleItem(caller, id);
    assertMayTake(caller, item, command.type);
    await this.send(item, caller, command);
    return this.reading.detail(caller, id);
  }

  /** Sends a step to the item's workflow and waits (bounded) for its answer. */
  async send(item: RectificationItem, caller: CurrentUser, command: ItemCommand): Promise<void> {
    await executeCommandUpdate(
      this.temporal,
      this.env.COMMAND_WAIT_SECONDS,
      item.workflowId,
      itemCommandUpdate,
      [{ command, actor: auditActor(caller) }],
    );
  }

  /** The reassignment step, once the new person is checked to be an active person of the item's unit. */
  async reassignmentCommand(id: string, personId: string, reason: string): Promise<ItemCommand> {
    const item = await this.items.byId(id);
    const person = await this.references.activePerson(personId);
    if (!person || (item && person.unitCode !== item.responsibleUnit)) {
      throw fieldInvalid('personId', '须为责任单位的在岗人员', '新责任人必须是责任单位的在岗人员');
    }
    return { type: 'reassign', personId, personName: person.displayName, reason };
  }

  /** Reassigns many items at once; each is checked on its own and gets its own result. */
  async bulkReassign(
    caller: CurrentUser,
    itemIds: string[],
    personId: string,
    reason: string,
  ): Promise<BulkResult[]> {
    const results: BulkResult[] = [];
    let outage: string | undefined;
    for (const itemId of itemIds) {
      if (outage) {
        results.push({ itemId, ok: false, ...notSentAfterOutage(outage) });
        continue;
      }
      try {
        await this.command(caller, itemId, await this.reassignmentCommand(itemId, personId, reason));
        results.push({ itemId, ok: true });
      } catch (error) {
        const { code, message } = describeFailure(error);
        if (OUTAGE_CODES.has(code)) outage = code;
        results.push({ itemId, ok: false, code, message });
      }
    }
    return results;
  }
}
