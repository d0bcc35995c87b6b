import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { TypedSearchAttributes } from '@temporalio/common';
import { Environment } from '../../../../libs/config/src/environment';
import {
  itemRegisteredUpdate,
  RectificationItemInput,
  rectificationWorkflowId,
} from '../../../../libs/contracts/src/rectification/rectification-item';
import { DeadlineAt, ProcessKind, ResponsibleUnit } from '../../../../libs/contracts/src/search-attributes';
import { ItemReferenceQueries } from '../../../../libs/database/src/rectification/item-references.queries';
import type { Ledger } from '../../../../libs/database/src/rectification/ledger.entity';
import { LedgerQueries } from '../../../../libs/database/src/rectification/ledger.queries';
import { RectificationItemQueries } from '../../../../libs/database/src/rectification/rectification-item.queries';
import { deadlineInstant } from '../../../../libs/domain/src/time/china-time';
import { TEMPORAL_CLIENT } from '../../../../libs/temporal/src/temporal.tokens';
import type { rectificationItemWorkflow } from '../../../../workflows/rectification/rectification-item.workflow';
import { auditActor, CurrentUser } from '../access/current-user';
import { commandObjectId, commandUpdateId } from '../common/idempotency/idempotency-context';
import { startWithUpdate } from '../common/start-with-update';
import { validationFailed } from '../common/validation-failed';
import { LedgerErrors } from '../ledgers/ledger.errors';
import type { RegisterItemBody } from './dto/rectification.dto';
import type { ItemDetailView } from './dto/rectification-view.dto';
import { RectificationErrors } from './rectification.errors';
import { RectificationsService } from './rectifications.service';

/** A registration checked against master data, ready to start. */
export interface CheckedRegistration {
  problem: string;
  source: string;
  category: string;
  analysis: string;
  measures: string[];
  responsibleUnit: string;
  responsibleUnitPath: string;
  responsiblePersonId: string;
  verifierId: string;
  repeatOf: string | null;
  deadlines: { basic: string; full: string };
  /** Brought in from an existing ledger: its deadlines may have passed (the ladder catches up once). */
  existing: boolean;
}

/** Registering items in a ledger: checking one against master data, numbering it, starting its workflow. */
@Injectable()
export class ItemRegistrationService {
  constructor(
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    private readonly env: Environment,
    private readonly ledgers: LedgerQueries,
    private readonly items: RectificationItemQueries,
    private readonly references: ItemReferenceQueries,
    private readonly reading: RectificationsService,
  ) {}

  /** Checks the item against master data, numbers it, starts its workflow and waits until it is listed. */
  async register(caller: CurrentUser, ledgerId: string, body: RegisterItemBody): Promise<ItemDetailView> {
    const ledger = await this.ledger(ledgerId);
    const itemId = await this.start(caller, ledger, await this.checkRegistration(ledger, body));
    return this.reading.detail(caller, itemId);
  }

  async ledger(ledgerId: string): Promise<Ledger> {
    const ledger = await this.ledgers.byId(ledgerId);
    if (!ledger) throw LedgerErrors.error('LEDGER_NOT_FOUND', `台账 ${ledgerId} 不存在`);
    return ledger;
  }

  /**
   * Numbers a checked item, starts its workflow, and resolves once the read model lists it. Under
   * an `Idempotency-Key` the item's id comes from the key (`ref` tells the rows of one import
   * apart), so a retry joins the workflow the first attempt started instead of registering twice.
   */
  async start(
    caller: CurrentUser,
    ledger: Ledger,
    facts: CheckedRegistration,
    ref = 'item',
  ): Promise<string> {
    const keyedId = commandObjectId(`rectification:${ledger.id}:${ref}`);
    const itemId = keyedId ?? randomUUID();
    const workflowId = rectificationWorkflowId(ledger.id, itemId);
    const updateId = commandUpdateId(workflowId);
    const existing = keyedId === undefined ? null : await this.items.byId(keyedId);
    const number = existing?.number ?? (await this.ledgers.takeItemNumber(ledger.id));
    const { deadlines, responsiblePersonId, existing: existingItem, ...itemFacts } = facts;
    const input: RectificationItemInput = {
      facts: { ...itemFacts, itemId, ledgerId: ledger.id, number, workflowId },
      ladder: ledger.ladder,
      registeredBy: auditActor(caller),
      deadlines,
      responsiblePersonId,
      ...(existingItem ? { existing: true } : {}),
    };
    // Bounded: with the workers down the item is still registered once they are back.
    const outcome = await startWithUpdate<typeof rectificationItemWorkflow, unknown>(
      this.temporal,
      itemRegisteredUpdate,
      {
        workflowType: 'rectificationItemWorkflow',
        taskQueue: this.env.TEMPORAL_TASK_QUEUE,
        workflowId,
        args: [input],
        typedSearchAttributes: new TypedSearchAttributes([
          { key: ProcessKind, value: 'rectification' },
          { key: ResponsibleUnit, value: facts.responsibleUnit },
          { key: DeadlineAt, value: new Date(facts.deadlines.full) },
        ]),
        updateId,
        waitSeconds: this.env.REGISTRATION_WAIT_SECONDS,
      },
    );
    if (!outcome.done)
      throw RectificationErrors.error('REGISTRATION_PENDING', undefined, { itemId, workflowId });
    return itemId;
  }

  /**
   * Checks an item against master data and the ledger, naming every problem at once (400
   * `VALIDATION_FAILED` with one detail per field). An item registered as `existing` (a ledger
   * brought in as it stands) may have deadlines that have already passed.
   */
  async checkRegistration(
    ledger: Ledger,
    body: RegisterItemBody,
    options: { existing?: boolean } = {},
  ): Promise<CheckedRegistration> {
    const problems: Array<{ field: string; message: string; problem: string }> = [];
    const refuse = (field: string, message: string, problem: string) =>
      problems.push({ field, message, problem });
    const unit = await this.references.unitByCode(body.responsibleUnit);
    if (!unit)
      refuse(
        'responsibleUnit',
        `责任单位 ${body.responsibleUnit} 不存在`,
        `单位 ${body.responsibleUnit} 不存在`,
      );
    const person = await this.references.activePerson(body.responsiblePersonId);
    if (unit && (!person || person.unitCode !== unit.code))
      refuse('responsiblePersonId', '责任人必须是责任单位的在岗人员', '须为责任单位的在岗人员');
    const verifier = await this.references.activePerson(body.verifierId);
    if (!verifier || !verifier.roles.some((r) => r === 'inspector' || r === 'command-center'))
      refuse('verifierId', '验收人必须是督查组或指挥部的在岗人员', '须为督查组或指挥部的在岗人员');
    const basic = deadlineInstant(body.basicDeadline);
    const full = deadlineInstant(body.fullDeadline);
    if (basic.getTime() > full.getTime())
      refuse('basicDeadline', '基本整改期限不能晚于全面整改期限', '不得晚于全面整改期限');
    if (!options.existing && full.getTime() <= Date.now())
      refuse('fullDeadline', '全面整改期限已过', '须晚于当前时间（已有台账中的事项请按已有事项导入）');
    if (ledger.classification.length > 0 && !ledger.classification.includes(body.category)) {
      refuse(
        'category',
        `问题类别须为台账分类之一：${ledger.classification.join('、')}`,
        `须为台账分类之一：${ledger.classification.join('、')}`,
      );
    }
    if (body.repeatOf && !(await this.items.isInLedger(body.repeatOf, ledger.id)))
      refuse('repeatOf', '重复发现所指的问题不在本台账中', '须为本台账中的问题');
    if (problems.length > 0)
      throw validationFailed(
        problems.map((p) => ({ field: p.field, problems: [p.problem] })),
        problems.map((p) => p.message).join('；'),
      );
    if (!unit || !person || !verifier) throw new Error('unreachable: checked above');
    return {
      problem: body.problem,
      source: body.source,
      category: body.category,
      analysis: body.analysis,
      measures: body.measures,
      responsibleUnit: unit.code,
      responsibleUnitPath: unit.path,
      verifierId: verifier.id,
      repeatOf: body.repeatOf ?? null,
      responsiblePersonId: person.id,
      deadlines: { basic: basic.toISOString(), full: full.toISOString() },
      existing: options.existing === true,
    };
  }
}
