import { randomUUID } from 'node:crypto';
import { Inject, Injectable, NotFoundException, ServiceUnavailableException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Client } from '@temporalio/client';
import { TypedSearchAttributes } from '@temporalio/common';
import { DataSource } from 'typeorm';
import { Environment } from '../../../../libs/config/src/environment';
import {
  itemCommandUpdate,
  itemRegisteredUpdate,
  RectificationItemInput,
  rectificationWorkflowId,
} from '../../../../libs/contracts/src/rectification/rectification-item';
import { DeadlineAt, ProcessKind, ResponsibleUnit } from '../../../../libs/contracts/src/search-attributes';
import { User } from '../../../../libs/database/src/identity/user.entity';
import { Unit } from '../../../../libs/database/src/organisation/unit.entity';
import { EscalationNotice } from '../../../../libs/database/src/rectification/escalation-notice.entity';
import { EvidenceFile } from '../../../../libs/database/src/rectification/evidence-file.entity';
import { ItemComment } from '../../../../libs/database/src/rectification/item-comment.entity';
import { Ledger } from '../../../../libs/database/src/rectification/ledger.entity';
import { RectificationEvent } from '../../../../libs/database/src/rectification/rectification-event.entity';
import { RectificationItem } from '../../../../libs/database/src/rectification/rectification-item.entity';
import {
  ItemCommand,
  ITEM_STATUS_LABELS,
  isOverdue,
} from '../../../../libs/domain/src/rectification/item-process';
import { deadlineInstant } from '../../../../libs/domain/src/time/china-time';
import { TEMPORAL_CLIENT } from '../../../../libs/temporal/src/temporal.tokens';
import type { rectificationItemWorkflow } from '../../../../workflows/rectification/rectification-item.workflow';
import { filterItems } from '../../../../libs/database/src/rectification/item-filter';
import { auditActor, CurrentUser } from '../access/current-user';
import { AuditService } from '../audit/audit.service';
import type { RegisterItemBody, RectificationsQuery } from './dto/rectification.dto';
import type { BulkResult, ItemDetailView, ItemPage, ItemSummaryView } from './dto/rectification-view.dto';
import { evidenceWithContent, receiveEvidence } from '../common/evidence/evidence-files';
import { describeFailure, notSentAfterOutage, OUTAGE_CODES } from '../common/describe-failure';
import { executeCommandUpdate } from '../common/workflow-wait';
import { commandObjectId, commandUpdateId } from '../common/idempotency/idempotency-context';
import { startWithUpdate } from '../common/start-with-update';
import { deadlineDateOf } from '../common/deadline-date';
import { assertMayTake, maySee } from './rectification-access';
import { fieldInvalid, validationFailed } from '../common/validation-failed';

const DAY_MS = 86_400_000;

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
const notFound = (id: string) =>
  new NotFoundException({ code: 'ITEM_NOT_FOUND', message: `问题 ${id} 不存在` });
const invalid = (field: string, message: string, problem: string) => fieldInvalid(field, problem, message);

export function itemSummary(item: RectificationItem, now = new Date()): ItemSummaryView {
  const pausedRunning = item.pausedSince ? now.getTime() - item.pausedSince.getTime() : 0;
  return {
    id: item.id,
    ledgerId: item.ledgerId,
    number: item.number,
    problem: item.problem,
    category: item.category,
    responsibleUnit: item.responsibleUnit,
    responsiblePersonId: item.responsiblePersonId,
    verifierId: item.verifierId,
    status: item.status,
    statusLabel: ITEM_STATUS_LABELS[item.status],
    basicDeadline: item.basicDeadline.toISOString(),
    basicDeadlineDate: deadlineDateOf(item.basicDeadline),
    fullDeadline: item.fullDeadline.toISOString(),
    fullDeadlineDate: deadlineDateOf(item.fullDeadline),
    originalFullDeadline: item.originalFullDeadline.toISOString(),
    originalFullDeadlineDate: deadlineDateOf(item.originalFullDeadline),
    overdue: isOverdue(item.state, now.toISOString()),
    paused: item.pausedSince !== null,
    pausedDays: Math.round(((item.pausedMs + pausedRunning) / DAY_MS) * 10) / 10,
    escalationLevel: item.escalationLevel,
    awaitingLeader: item.awaitingLeader,
    pendingExtension: item.pendingExtension,
    reopenCount: item.reopenCount,
    closedAt: item.closedAt?.toISOString() ?? null,
    version: item.version,
  };
}

@Injectable()
export class RectificationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    private readonly audit: AuditService,
    private readonly env: Environment,
  ) {}

  /** Checks the item against master data, numbers it, starts its workflow and waits until it is listed. */
  async register(caller: CurrentUser, ledgerId: string, body: RegisterItemBody): Promise<ItemDetailView> {
    const ledger = await this.ledger(ledgerId);
    const itemId = await this.start(caller, ledger, await this.checkRegistration(ledger, body));
    return this.detail(caller, itemId);
  }

  async ledger(ledgerId: string): Promise<Ledger> {
    const ledger = await this.dataSource.getRepository(Ledger).findOneBy({ id: ledgerId });
    if (!ledger)
      throw new NotFoundException({ code: 'LEDGER_NOT_FOUND', message: `台账 ${ledgerId} 不存在` });
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
    const existing =
      keyedId === undefined
        ? null
        : await this.dataSource.getRepository(RectificationItem).findOneBy({ id: keyedId });
    const number = existing?.number ?? (await this.nextNumber(ledger));
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
      throw new ServiceUnavailableException({
        code: 'REGISTRATION_PENDING',
        message: '问题已受理，流程服务繁忙，稍后将出现在台账中',
        details: { itemId, workflowId },
      });
    return itemId;
  }

  private async nextNumber(ledger: Ledger): Promise<number> {
    const numbered = await this.dataSource
      .createQueryBuilder()
      .update(Ledger)
      .set({ itemsRegistered: () => 'items_registered + 1' })
      .where('id = :id', { id: ledger.id })
      .returning('items_registered')
      .execute();
    return Number((numbered.raw as Array<{ items_registered: number }>)[0].items_registered);
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
    const unit = await this.dataSource.getRepository(Unit).findOneBy({ code: body.responsibleUnit });
    if (!unit)
      refuse(
        'responsibleUnit',
        `责任单位 ${body.responsibleUnit} 不存在`,
        `单位 ${body.responsibleUnit} 不存在`,
      );
    const person = await this.dataSource
      .getRepository(User)
      .findOneBy({ id: body.responsiblePersonId, active: true });
    if (unit && (!person || person.unitCode !== unit.code))
      refuse('responsiblePersonId', '责任人必须是责任单位的在岗人员', '须为责任单位的在岗人员');
    const verifier = await this.dataSource
      .getRepository(User)
      .findOneBy({ id: body.verifierId, active: true });
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
    if (
      body.repeatOf &&
      !(await this.dataSource
        .getRepository(RectificationItem)
        .existsBy({ id: body.repeatOf, ledgerId: ledger.id }))
    ) {
      refuse('repeatOf', '重复发现所指的问题不在本台账中', '须为本台账中的问题');
    }
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

  async list(caller: CurrentUser, query: RectificationsQuery): Promise<ItemPage> {
    const unitPath = await this.filterUnitPath(query.unit);
    const qb = filterItems(
      this.dataSource.getRepository(RectificationItem).createQueryBuilder('i'),
      { ...query, unitPath },
      caller,
      new Date(),
    );
    const [rows, total] = await qb
      .orderBy('i.full_deadline', 'ASC')
      .addOrderBy('i.number', 'ASC')
      .skip((query.page - 1) * query.pageSize)
      .take(query.pageSize)
      .getManyAndCount();
    const now = new Date();
    return {
      total,
      page: query.page,
      pageSize: query.pageSize,
      items: rows.map((row) => itemSummary(row, now)),
    };
  }

  /** The path of a filter's unit (400 naming `unit` if there is no such unit). */
  async filterUnitPath(code: string | undefined): Promise<string | undefined> {
    if (!code) return undefined;
    const unit = await this.dataSource.getRepository(Unit).findOneBy({ code });
    if (!unit) throw invalid('unit', `单位 ${code} 不存在`, `单位 ${code} 不存在`);
    return unit.path;
  }

  /** The item, or 404 if it does not exist or the caller may not see it (no hint either way). */
  async visibleItem(caller: CurrentUser, id: string): Promise<RectificationItem> {
    const item = await this.dataSource.getRepository(RectificationItem).findOneBy({ id });
    if (!item || !maySee(caller, item)) throw notFound(id);
    return item;
  }

  async detail(caller: CurrentUser, id: string): Promise<ItemDetailView> {
    const item = await this.visibleItem(caller, id);
    const [events, evidence, comments, notices] = await Promise.all([
      this.dataSource
        .getRepository(RectificationEvent)
        .find({ where: { itemId: id }, order: { version: 'ASC' } }),
      this.dataSource
        .getRepository(EvidenceFile)
        .find({ where: { itemId: id }, order: { uploadedAt: 'ASC' } }),
      this.dataSource.getRepository(ItemComment).find({ where: { itemId: id }, order: { createdAt: 'ASC' } }),
      this.dataSource
        .getRepository(EscalationNotice)
        .find({ where: { itemId: id }, order: { issuedAt: 'ASC' } }),
    ]);
    return {
      ...itemSummary(item),
      source: item.source,
      analysis: item.analysis,
      measures: item.measures,
      repeatOf: item.repeatOf,
      originalBasicDeadline: item.originalBasicDeadline.toISOString(),
      originalBasicDeadlineDate: deadlineDateOf(item.originalBasicDeadline),
      basicDoneAt: item.basicDoneAt?.toISOString() ?? null,
      closeOut: item.state.closeOut ?? null,
      timeline: events.map((e) => ({
        version: e.version,
        at: e.at.toISOString(),
        type: e.type,
        actorName: e.actorName,
        summary: e.summary,
        reason: e.reason,
        data: e.data,
      })),
      evidence: evidence.map((f) => ({
        id: f.id,
        fileName: f.fileName,
        mediaType: f.mediaType,
        sizeBytes: f.sizeBytes,
        sha256: f.sha256,
        uploadedBy: f.uploadedBy,
        uploadedAt: f.uploadedAt.toISOString(),
      })),
      comments: comments.map((c) => ({
        id: c.id,
        authorName: c.authorName,
        authorUnit: c.authorUnit,
        body: c.body,
        createdAt: c.createdAt.toISOString(),
      })),
      notices: notices.map((n) => ({
        id: n.id,
        title: `${n.noticeKind}〔${n.year}〕第${n.serial}号`,
        html: `/api/rectifications/${id}/notices/${n.id}/html`,
        level: n.level,
        label: n.label,
        colour: n.colour,
        issuedAt: n.issuedAt.toISOString(),
        leaderMustAct: n.leaderMustAct,
        leaderDecision: n.leaderDecision,
      })),
    };
  }

  /** One step on an item: per-object check here, process legality in the workflow's update validator. */
  async command(caller: CurrentUser, id: string, command: ItemCommand): Promise<ItemDetailView> {
    const item = await this.visibleItem(caller, id);
    assertMayTake(caller, item, command.type);
    await this.send(item, caller, command);
    return this.detail(caller, id);
  }

  private async send(item: RectificationItem, caller: CurrentUser, command: ItemCommand): Promise<void> {
    await executeCommandUpdate(
      this.temporal,
      this.env.COMMAND_WAIT_SECONDS,
      item.workflowId,
      itemCommandUpdate,
      [{ command, actor: auditActor(caller) }],
    );
  }

  async reassignmentCommand(id: string, personId: string, reason: string): Promise<ItemCommand> {
    const item = await this.dataSource.getRepository(RectificationItem).findOneBy({ id });
    const person = await this.dataSource.getRepository(User).findOneBy({ id: personId, active: true });
    if (!person || (item && person.unitCode !== item.responsibleUnit)) {
      throw invalid('personId', '新责任人必须是责任单位的在岗人员', '须为责任单位的在岗人员');
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

  /** Stores the file, then records it on the item's timeline; the file is kept only if the step is accepted. */
  async attachEvidence(
    caller: CurrentUser,
    id: string,
    file: { originalname: string; mimetype: string; buffer: Buffer } | undefined,
  ): Promise<ItemDetailView> {
    const item = await this.visibleItem(caller, id);
    assertMayTake(caller, item, 'attach-evidence');
    await receiveEvidence({
      files: this.dataSource.getRepository(EvidenceFile),
      ownerId: id,
      owner: { itemId: id },
      file,
      uploadedBy: auditActor(caller).name,
      send: (step) => this.send(item, caller, step),
    });
    return this.detail(caller, id);
  }

  async evidenceContent(caller: CurrentUser, id: string, evidenceId: string): Promise<EvidenceFile> {
    await this.visibleItem(caller, id);
    return evidenceWithContent(this.dataSource.getRepository(EvidenceFile), evidenceId, { item_id: id });
  }

  async comment(caller: CurrentUser, id: string, body: string): Promise<ItemDetailView> {
    await this.visibleItem(caller, id);
    await this.audit.inTransaction(async (manager) => {
      const comment = manager.getRepository(ItemComment).create({
        itemId: id,
        authorId: caller.id,
        authorName: caller.displayName,
        authorUnit: caller.unitCode,
        body,
      });
      await manager.getRepository(ItemComment).insert(comment);
      await this.audit.record(manager, auditActor(caller), {
        action: 'rectification.comment',
        subject: `rectification:${id}`,
        after: { body },
      });
    });
    return this.detail(caller, id);
  }
}
