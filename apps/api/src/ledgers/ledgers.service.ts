import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { Environment } from '../../../../libs/config/src/environment';
import type { Ledger } from '../../../../libs/database/src/rectification/ledger.entity';
import { LedgerQueries } from '../../../../libs/database/src/rectification/ledger.queries';
import { DEFAULT_LADDER } from '../../../../libs/domain/src/escalation/ladder';
import { deadlineInstant, nextMondayMorningCst } from '../../../../libs/domain/src/time/china-time';
import { TEMPORAL_CLIENT } from '../../../../libs/temporal/src/temporal.tokens';
import { auditActor, CurrentUser } from '../access/current-user';
import { AuditService } from '../audit/audit.service';
import { CreateLedgerBody, LedgerView } from './dto/ledger.dto';
import { fieldInvalid } from '../common/validation-failed';
import { boundedWorkflowCall } from '../common/workflow-wait';
import { LedgerErrors } from './ledger.errors';

export const ledgerBulletinWorkflowId = (ledgerId: string) => `ledger-bulletins:${ledgerId}`;

export function ledgerView(ledger: Ledger): LedgerView {
  return {
    id: ledger.id,
    name: ledger.name,
    source: ledger.source,
    campaignId: ledger.campaignId,
    classification: ledger.classification,
    ladder: ledger.ladder,
    bulletinEvery: ledger.bulletinEvery,
    bulletinFirstAt: ledger.bulletinFirstAt.toISOString(),
    itemsRegistered: ledger.itemsRegistered,
    createdBy: ledger.createdBy,
    createdAt: ledger.createdAt.toISOString(),
  };
}

@Injectable()
export class LedgersService {
  constructor(
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    private readonly audit: AuditService,
    private readonly env: Environment,
    private readonly ledgers: LedgerQueries,
  ) {}

  /** Creates the ledger and starts its bulletin schedule (a durable workflow). */
  async create(caller: CurrentUser, body: CreateLedgerBody): Promise<LedgerView> {
    // The schedule catches up on bulletins it missed while workers were down; a first bulletin in
    // the past would make it publish every period since then at once.
    const firstAt = body.bulletinFirstAt
      ? deadlineInstant(body.bulletinFirstAt)
      : nextMondayMorningCst(new Date());
    if (firstAt.getTime() <= Date.now()) {
      throw fieldInvalid('bulletinFirstAt', '须晚于当前时间', '首期通报时间必须晚于当前时间');
    }
    const ledger = await this.audit.inTransaction(async (manager) => {
      const row = await new LedgerQueries(manager).create({
        id: randomUUID(),
        name: body.name,
        source: body.source,
        campaignId: body.campaignId ?? null,
        classification: body.classification ?? [],
        ladder: body.ladder ?? DEFAULT_LADDER,
        bulletinEvery: body.bulletinEvery ?? 'P1W',
        bulletinFirstAt: body.bulletinFirstAt
          ? deadlineInstant(body.bulletinFirstAt)
          : nextMondayMorningCst(new Date()),
        itemsRegistered: 0,
        createdBy: auditActor(caller).name,
      });
      await this.audit.record(manager, auditActor(caller), {
        action: 'ledger.created',
        subject: `ledger:${row.id}`,
        after: {
          name: row.name,
          source: row.source,
          bulletinEvery: row.bulletinEvery,
          ladderSteps: row.ladder.length,
        },
      });
      return row;
    });
    await boundedWorkflowCall(this.temporal, this.env.COMMAND_WAIT_SECONDS, () =>
      this.temporal.workflow.start('ledgerBulletinWorkflow', {
        taskQueue: this.env.TEMPORAL_TASK_QUEUE,
        workflowId: ledgerBulletinWorkflowId(ledger.id),
        args: [
          { ledgerId: ledger.id, every: ledger.bulletinEvery, firstAt: ledger.bulletinFirstAt.toISOString() },
        ],
      }),
    );
    return ledgerView(ledger);
  }

  async list(): Promise<LedgerView[]> {
    return (await this.ledgers.newestFirst()).map(ledgerView);
  }

  async get(id: string): Promise<Ledger> {
    const ledger = await this.ledgers.byId(id);
    if (!ledger) throw LedgerErrors.error('LEDGER_NOT_FOUND', `台账 ${id} 不存在`);
    return ledger;
  }
}
