import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import type { HousingProgramme } from '../../../../libs/database/src/housing/housing-programme.entity';
import { HousingPlaceQueries } from '../../../../libs/database/src/housing/housing-places.queries';
import { ProgrammeQueries } from '../../../../libs/database/src/housing/programmes.queries';
import { APPROVAL_LEVEL_LABELS, APPROVAL_LEVELS } from '../../../../libs/domain/src/housing/household-stages';
import {
  DEFAULT_HOUSEHOLD_LADDER,
  DEFAULT_NOTICE_PERIODS,
  DEFAULT_PAYMENT_DUE_AFTER,
  DEFAULT_STALL_AFTER,
  DEFAULT_TIMER_JITTER,
  programmeRuleProblems,
  ProgrammeRules,
} from '../../../../libs/domain/src/housing/programme-rules';
import { deadlineInstant } from '../../../../libs/domain/src/time/china-time';
import { auditActor, CurrentUser } from '../access/current-user';
import { AuditService } from '../audit/audit.service';
import { deadlineDateOf } from '../common/deadline-date';
import { deadlineProblem } from '../common/validators';
import type { CreateProgrammeBody } from './dto/programme.dto';
import type { ProgrammeView } from './dto/housing-view.dto';
import { validationFailed } from '../common/validation-failed';
import { HousingErrors } from './housing.errors';

const invalid = (details: Array<{ field: string; problems: string[] }>) =>
  validationFailed(details, `项目设置有误：${details.map((d) => d.field).join('、')}`);

/** Programmes an API process keeps (a county runs a few a year). */
const PROGRAMMES_KEPT = 1_000;

/** The programme, frozen with its rules: the one object is shared by every request that reads it. */
function frozen(programme: HousingProgramme | undefined): HousingProgramme | undefined {
  if (!programme) return undefined;
  Object.freeze(programme.stageDeadlines);
  Object.freeze(programme.noticePeriods);
  programme.ladder.forEach((step) => Object.freeze(step));
  Object.freeze(programme.ladder);
  return Object.freeze(programme);
}

export function programmeView(programme: HousingProgramme): ProgrammeView {
  return {
    id: programme.id,
    name: programme.name,
    housingBureau: programme.housingBureau,
    stageDeadlines: programme.stageDeadlines,
    stageDeadlineDates: Object.fromEntries(
      Object.entries(programme.stageDeadlines).map(([stage, at]) => [stage, deadlineDateOf(at)]),
    ),
    noticePeriods: programme.noticePeriods,
    stallAfter: programme.stallAfter,
    paymentDueAfter: programme.paymentDueAfter,
    timerJitter: programme.timerJitter,
    ladder: programme.ladder,
    createdAt: programme.createdAt.toISOString(),
  };
}

/** Housing-repair programmes: the rules a batch of households runs under, as data. */
@Injectable()
export class ProgrammesService {
  /** Programmes this process has read, by id (see `programme`). */
  private readonly known = new LRUCache<string, HousingProgramme>({
    max: PROGRAMMES_KEPT,
    fetchMethod: async (id) => frozen((await this.programmes.byId(id)) ?? undefined),
  });

  constructor(
    private readonly programmes: ProgrammeQueries,
    private readonly places: HousingPlaceQueries,
    private readonly audit: AuditService,
  ) {}

  async create(caller: CurrentUser, body: CreateProgrammeBody): Promise<ProgrammeView> {
    const details: Array<{ field: string; problems: string[] }> = [];
    const stageDeadlines: Record<string, string> = {};
    for (const [stage, value] of Object.entries(body.stageDeadlines)) {
      const problem = deadlineProblem(String(value));
      if (problem) details.push({ field: `stageDeadlines.${stage}`, problems: [problem] });
      else stageDeadlines[stage] = deadlineInstant(String(value)).toISOString();
    }
    const noticePeriods = { ...DEFAULT_NOTICE_PERIODS };
    for (const [level, period] of Object.entries(body.noticePeriods ?? {})) {
      if (!(APPROVAL_LEVELS as readonly string[]).includes(level))
        details.push({
          field: `noticePeriods.${level}`,
          problems: [
            `不是有效的审批层级（可选：${APPROVAL_LEVELS.map((l) => `${l} ${APPROVAL_LEVEL_LABELS[l]}`).join('、')}）`,
          ],
        });
      else noticePeriods[level as keyof typeof noticePeriods] = period;
    }
    const rules: ProgrammeRules = {
      stageDeadlines,
      noticePeriods,
      stallAfter: body.stallAfter ?? DEFAULT_STALL_AFTER,
      paymentDueAfter: body.paymentDueAfter ?? DEFAULT_PAYMENT_DUE_AFTER,
      timerJitter: body.timerJitter ?? DEFAULT_TIMER_JITTER,
      ladder: body.ladder ?? DEFAULT_HOUSEHOLD_LADDER,
      housingBureau: body.housingBureau,
    };
    details.push(...programmeRuleProblems(rules).map((p) => ({ field: p.path, problems: [p.problem] })));
    const bureau = await this.places.unit(body.housingBureau);
    if (!bureau) details.push({ field: 'housingBureau', problems: [`单位 ${body.housingBureau} 不存在`] });
    if (details.length > 0) throw invalid(details);

    const programme = { id: randomUUID(), name: body.name, ...rules, createdBy: auditActor(caller).id };
    await this.audit.inTransaction(async (manager) => {
      await new ProgrammeQueries(manager).insert(programme);
      await this.audit.record(manager, auditActor(caller), {
        action: 'housing.programme.create',
        subject: `housing-programme:${programme.id}`,
        after: { name: programme.name, ...rules },
      });
    });
    return this.view(programme.id);
  }

  async list(): Promise<ProgrammeView[]> {
    const programmes = await this.programmes.all();
    return programmes.map(programmeView);
  }

  async view(id: string): Promise<ProgrammeView> {
    return programmeView(await this.programme(id));
  }

  /**
   * The programme, kept by this process once read: a programme's rules are fixed when it is created
   * (its households' workflows run under the rules they were started with, and no route changes
   * them), so every household route and report would otherwise read the same row again. An unknown
   * id is not kept: another API process may create it.
   */
  async programme(id: string): Promise<HousingProgramme> {
    const programme = await this.known.fetch(id);
    if (!programme) throw HousingErrors.error('PROGRAMME_NOT_FOUND', `危房改造项目 ${id} 不存在`);
    return programme;
  }
}
