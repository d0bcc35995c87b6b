import { filterHouseholds } from '../../../../libs/database/src/housing/household-filter';
import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  Inject,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Client } from '@temporalio/client';
import { DataSource, In } from 'typeorm';
import { householdCommandUpdate } from '../../../../libs/contracts/src/housing/household-pipeline';
import { HouseholdEvent } from '../../../../libs/database/src/housing/household-event.entity';
import { HouseholdEvidence } from '../../../../libs/database/src/housing/household-evidence.entity';
import { Household } from '../../../../libs/database/src/housing/household.entity';
import { HousingProgramme } from '../../../../libs/database/src/housing/housing-programme.entity';
import { isStageOverdue } from '../../../../libs/domain/src/housing/household-escalation';
import { DATED_COMMAND_TYPES, HouseholdCommand } from '../../../../libs/domain/src/housing/household-process';
import { isActiveStage, STAGE_LABELS } from '../../../../libs/domain/src/housing/household-stages';
import { householdParties } from '../../../../libs/domain/src/housing/programme-rules';
import { missingParties } from '../../../../libs/domain/src/sign-off/sign-off';
import { addIsoDuration } from '../../../../libs/domain/src/time/iso-duration';
import { TEMPORAL_CLIENT } from '../../../../libs/temporal/src/temporal.tokens';
import { auditActor, CurrentUser } from '../access/current-user';
import { deadlineDateOf } from '../common/deadline-date';
import { evidenceWithContent, receiveEvidence } from '../common/evidence/evidence-files';
import { describeFailure, notSentAfterOutage, OUTAGE_CODES } from '../common/describe-failure';
import { executeCommandUpdate } from '../common/workflow-wait';
import { Environment } from '../../../../libs/config/src/environment';
import type { HouseholdsQuery, HouseholdStepBody } from './dto/household.dto';
import type {
  BulkStepResult,
  HouseholdDetailView,
  HouseholdPage,
  HouseholdSummaryView,
} from './dto/housing-view.dto';
import { assertMayTakeStep, maySeeHousehold } from './housing-access';
import { ProgrammesService } from './programmes.service';
import { fieldInvalid } from '../common/validation-failed';

const notFound = (id: string) =>
  new NotFoundException({ code: 'HOUSEHOLD_NOT_FOUND', message: `农户 ${id} 不存在` });

/** The columns a household list may be ordered by (HouseholdsQuery.sort). */
const SORT_COLUMNS = {
  householdNo: 'h.household_no',
  lastProgressAt: 'h.last_progress_at',
  escalationLevel: 'h.escalation_level',
} as const;

/** Households of several steps are handled this many at a time in a bulk action. */
const BULK_PARALLEL = 8;

/** The moment before which no progress means a household of this programme is stalled. */
export const stallThreshold = (programme: HousingProgramme, now: Date) =>
  addIsoDuration(now, `-${programme.stallAfter}`);

export function householdSummary(
  household: Household,
  programme: HousingProgramme,
  now = new Date(),
): HouseholdSummaryView {
  const deadline = isActiveStage(household.stage)
    ? (programme.stageDeadlines[household.stage] ?? null)
    : null;
  return {
    id: household.id,
    programmeId: household.programmeId,
    householdNo: household.householdNo,
    headName: household.headName,
    village: household.village,
    township: household.township,
    registeredPoor: household.registeredPoor,
    houseRating: household.houseRating,
    plannedSubsidyYuan: (household.plannedSubsidyFen / 100).toFixed(2),
    stage: household.stage,
    stageLabel: STAGE_LABELS[household.stage],
    approvalLevel: household.approvalLevel,
    noticeEndsAt: household.noticeEndsAt?.toISOString() ?? null,
    openObjections: household.openObjections,
    stageDeadline: deadline,
    stageDeadlineDate: deadlineDateOf(deadline),
    overdue: isStageOverdue(household.state, programme, now.toISOString()),
    stalled: isActiveStage(household.stage) && household.lastProgressAt < stallThreshold(programme, now),
    lastProgressAt: household.lastProgressAt.toISOString(),
    paymentStatus: household.paymentStatus,
    escalationLevel: household.escalationLevel,
    version: household.version,
  };
}

/** Turns a validated request body into the pipeline's command. */
export function stepCommand(body: HouseholdStepBody): HouseholdCommand {
  const note = { note: body.note ?? '', evidenceIds: body.evidenceIds ?? [] };
  if (body.occurredOn !== undefined && !DATED_COMMAND_TYPES.some((type) => type === body.type))
    throw fieldInvalid('occurredOn', `只适用于 ${DATED_COMMAND_TYPES.join('、')}`);
  // A milestone recorded later carries the day it happened; the domain dates the milestone by it.
  const dated = body.occurredOn === undefined ? {} : { occurredOn: body.occurredOn };
  switch (body.type) {
    case 'record-appraisal':
      return { type: 'record-appraisal', rating: body.rating!, ...note, ...dated };
    case 'approve':
    case 'sign-acceptance':
      return { type: body.type, ...note };
    case 'record-start':
    case 'record-completion':
    case 'record-move-in':
      return { type: body.type, ...note, ...dated };
    case 'reject':
    case 'retry-payment':
    case 'withdraw':
      return { type: body.type, reason: body.reason! };
    case 'file-objection':
      return { type: 'file-objection', objection: body.objection! };
    case 'resolve-objection':
      return {
        type: 'resolve-objection',
        objectionId: body.objectionId!,
        upheld: body.upheld!,
        reason: body.reason!,
      };
    default:
      throw new BadRequestException({ code: 'VALIDATION_FAILED', message: `未知的步骤 ${body.type}` });
  }
}

/**
 * Households of the housing-repair programmes: lists and details from the read model, and each
 * step sent to the household's pipeline (per-object check here, process legality in the pipeline).
 */
@Injectable()
export class HouseholdsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    private readonly env: Environment,
    private readonly programmes: ProgrammesService,
  ) {}

  async list(caller: CurrentUser, query: HouseholdsQuery): Promise<HouseholdPage> {
    const programme = await this.programmes.programme(query.programme);
    const now = new Date();
    const qb = filterHouseholds(
      this.dataSource.getRepository(Household).createQueryBuilder('h'),
      programme,
      query,
      caller,
      now,
    );
    // Ties broken by household number, then id, so that pages never overlap. (TypeORM keeps one
    // direction per column: a column sorted on is not added again.)
    const sort = query.sort ? SORT_COLUMNS[query.sort.replace(/^-/, '') as keyof typeof SORT_COLUMNS] : null;
    if (sort) qb.orderBy(sort, query.sort!.startsWith('-') ? 'DESC' : 'ASC');
    else qb.orderBy('h.township', 'ASC');
    if (sort !== 'h.household_no') qb.addOrderBy('h.household_no', 'ASC');
    const [rows, total] = await qb
      .addOrderBy('h.id', 'ASC')
      .skip((query.page - 1) * query.pageSize)
      .take(query.pageSize)
      .getManyAndCount();
    return {
      total,
      page: query.page,
      pageSize: query.pageSize,
      items: rows.map((row) => householdSummary(row, programme, now)),
    };
  }

  /** The household and its programme, or 404 if it does not exist or the caller may not see it. */
  async visible(
    caller: CurrentUser,
    id: string,
  ): Promise<{ household: Household; programme: HousingProgramme }> {
    const household = await this.dataSource.getRepository(Household).findOneBy({ id });
    if (!household) throw notFound(id);
    const programme = await this.programmes.programme(household.programmeId);
    if (
      !maySeeHousehold(caller, { villagePath: household.villagePath, housingBureau: programme.housingBureau })
    )
      throw notFound(id);
    return { household, programme };
  }

  async detail(caller: CurrentUser, id: string): Promise<HouseholdDetailView> {
    const { household, programme } = await this.visible(caller, id);
    const [events, evidence, failures] = await Promise.all([
      this.dataSource
        .getRepository(HouseholdEvent)
        .find({ where: { householdId: id }, order: { version: 'ASC' } }),
      this.dataSource
        .getRepository(HouseholdEvidence)
        .find({ where: { householdId: id }, order: { uploadedAt: 'ASC' } }),
      // the last failed try while the gateway keeps failing (kept by the paySubsidy activity)
      this.dataSource.query<
        Array<{
          payment_attempt: number;
          try: number;
          reason: string;
          failed_at: Date;
          next_try_at: Date | null;
        }>
      >(
        `SELECT payment_attempt, try, reason, failed_at, next_try_at FROM subsidy_payment_failure WHERE household_id = $1`,
        [id],
      ),
    ]);
    const [failure] = failures;
    const state = household.state;
    const parties = householdParties(programme, household);
    return {
      ...householdSummary(household, programme),
      approval: state.approval,
      acceptanceSignatures: state.acceptanceSignatures,
      missingSignatures:
        state.stage === 'acceptance'
          ? missingParties(parties.acceptance, state.acceptanceSignatures).map((p) => p.label)
          : [],
      payment: state.payment,
      paymentFailure:
        failure && state.stage === 'payment'
          ? {
              attempt: failure.payment_attempt,
              try: failure.try,
              reason: failure.reason,
              failedAt: failure.failed_at.toISOString(),
              nextTryAt: failure.next_try_at?.toISOString() ?? null,
            }
          : null,
      withdrawn: state.withdrawn,
      timeline: events.map((e) => ({
        version: e.version,
        at: e.at.toISOString(),
        type: e.type,
        stage: e.stage,
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
    };
  }

  async step(caller: CurrentUser, id: string, command: HouseholdCommand): Promise<HouseholdDetailView> {
    await this.send(caller, id, command);
    return this.detail(caller, id);
  }

  /** Checks the caller may take the step on this household, then hands it to the pipeline. */
  private async send(caller: CurrentUser, id: string, command: HouseholdCommand): Promise<string> {
    const { household, programme } = await this.visible(caller, id);
    assertMayTakeStep(
      caller,
      { villagePath: household.villagePath, housingBureau: programme.housingBureau },
      command.type,
    );
    return this.dispatch(caller, household, command);
  }

  private async dispatch(
    caller: CurrentUser,
    household: Household,
    command: HouseholdCommand,
  ): Promise<string> {
    if (household.stage === 'moved-in' || household.stage === 'withdrawn')
      throw new ConflictException({
        code: household.stage === 'moved-in' ? 'FINISHED' : 'WITHDRAWN',
        message: `该户${STAGE_LABELS[household.stage]}，不能再办理`,
      });
    const result = await executeCommandUpdate(
      this.temporal,
      this.env.COMMAND_WAIT_SECONDS,
      household.workflowId,
      householdCommandUpdate,
      [{ command, actor: auditActor(caller) }],
    );
    return result.stage;
  }

  /**
   * Records one step for many households. Every household must be the caller's to act on, or the
   * whole request is refused (403, naming them); then each is sent on its own and gets its own
   * result, so one household in the wrong stage does not hold back the others.
   */
  async bulk(
    caller: CurrentUser,
    householdIds: string[],
    command: HouseholdCommand,
  ): Promise<BulkStepResult[]> {
    const households = await this.dataSource.getRepository(Household).findBy({ id: In(householdIds) });
    const programmes = new Map<string, HousingProgramme>();
    for (const programmeId of new Set(households.map((h) => h.programmeId)))
      programmes.set(programmeId, await this.programmes.programme(programmeId));
    const byId = new Map(households.map((h) => [h.id, h]));
    const notYours = householdIds.filter((id) => {
      const household = byId.get(id);
      if (!household) return true;
      try {
        const scope = {
          villagePath: household.villagePath,
          housingBureau: programmes.get(household.programmeId)!.housingBureau,
        };
        assertMayTakeStep(caller, scope, command.type);
        return false;
      } catch {
        return true;
      }
    });
    if (notYours.length > 0)
      throw new ForbiddenException({
        code: 'NOT_YOUR_HOUSEHOLD',
        message: `有 ${notYours.length} 户不存在或无权办理，本次未执行任何操作`,
        details: notYours.map((householdId) => ({ householdId })),
      });
    const results: BulkStepResult[] = [];
    // After an outage the rest are not sent (each would wait out the same bound) and say so.
    let outage: string | undefined;
    for (let i = 0; i < householdIds.length; i += BULK_PARALLEL) {
      results.push(
        ...(await Promise.all(
          householdIds.slice(i, i + BULK_PARALLEL).map(async (householdId): Promise<BulkStepResult> => {
            if (outage) return { householdId, ok: false, ...notSentAfterOutage(outage) };
            try {
              return {
                householdId,
                ok: true,
                stage: await this.dispatch(caller, byId.get(householdId)!, command),
              };
            } catch (error) {
              const failure = describeFailure(error);
              if (OUTAGE_CODES.has(failure.code)) outage = failure.code;
              return { householdId, ok: false, ...failure };
            }
          }),
        )),
      );
    }
    return results;
  }

  /** Stores the file, then records it in the pipeline; the file is kept only if the step is accepted. */
  async attachEvidence(
    caller: CurrentUser,
    id: string,
    file: { originalname: string; mimetype: string; buffer: Buffer } | undefined,
  ): Promise<HouseholdDetailView> {
    const { household, programme } = await this.visible(caller, id);
    assertMayTakeStep(
      caller,
      { villagePath: household.villagePath, housingBureau: programme.housingBureau },
      'attach-evidence',
    );
    await receiveEvidence({
      files: this.dataSource.getRepository(HouseholdEvidence),
      ownerId: id,
      owner: { householdId: id },
      file,
      uploadedBy: auditActor(caller).name,
      send: (step) => this.dispatch(caller, household, step),
    });
    return this.detail(caller, id);
  }

  async evidenceContent(caller: CurrentUser, id: string, evidenceId: string): Promise<HouseholdEvidence> {
    await this.visible(caller, id);
    return evidenceWithContent(this.dataSource.getRepository(HouseholdEvidence), evidenceId, {
      household_id: id,
    });
  }
}
