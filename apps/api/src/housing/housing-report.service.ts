import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { HousingProgramme } from '../../../../libs/database/src/housing/housing-programme.entity';
import { stagesPastDeadline } from '../../../../libs/domain/src/housing/household-escalation';
import { HOUSEHOLD_STAGES, STAGE_LABELS } from '../../../../libs/domain/src/housing/household-stages';
import {
  belowRegisteredPoorRule,
  REGISTERED_POOR_MINIMUM,
  registeredPoorShare,
} from '../../../../libs/domain/src/housing/programme-rules';
import { cstMonthRange } from '../../../../libs/domain/src/time/china-time';
import type { CurrentUser } from '../access/current-user';
import { deadlineDateOf } from '../common/deadline-date';
import type { MonthlyReportView, MonthlyTownshipRow, ProgrammeProgressView } from './dto/housing-view.dto';
import { readsWholeProgramme } from './housing-access';
import { stallThreshold } from './households.service';
import { ProgrammesService } from './programmes.service';

/**
 * Progress of a programme from the read model: stage counts come from counters kept in the same
 * transaction as every stage change; overdue, stalled and monthly figures from indexed queries.
 * Nothing here asks Temporal. A department sees the townships it reaches; the bureau sees all.
 */
@Injectable()
export class HousingReportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly programmes: ProgrammesService,
  ) {}

  /** Township codes the caller may report on; undefined means all of them. */
  private scope(caller: CurrentUser, programme: HousingProgramme): string | undefined {
    return readsWholeProgramme(caller, programme) ? undefined : `${caller.unitPath}%`;
  }

  async progress(caller: CurrentUser, programmeId: string): Promise<ProgrammeProgressView> {
    const programme = await this.programmes.programme(programmeId);
    const now = new Date();
    const own = this.scope(caller, programme);
    // The whole programme from the counters; a township's own share from its rows (a few hundred).
    const counts = await this.dataSource.query<
      Array<{ township: string; name: string; stage: string; households: number }>
    >(
      own === undefined
        ? `SELECT c.township, u.name, c.stage, c.households FROM household_stage_count c JOIN unit u ON u.code = c.township
            WHERE c.programme_id = $1 AND c.households > 0 ORDER BY c.township`
        : `SELECT h.township, u.name, h.stage, count(*)::int AS households FROM household h JOIN unit u ON u.code = h.township
            WHERE h.programme_id = $1 AND h.village_path LIKE $2 GROUP BY 1, 2, 3 ORDER BY 1`,
      own === undefined ? [programme.id] : [programme.id, own],
    );
    const visibleTownships = [...new Set(counts.map((c) => c.township))];
    const late = stagesPastDeadline(programme, now.toISOString());
    const [overdue, stalled, escalated] = await Promise.all([
      late.length === 0
        ? Promise.resolve([] as Array<{ stage: string; households: number }>)
        : this.dataSource.query<Array<{ stage: string; households: number }>>(
            `SELECT stage, count(*)::int AS households FROM household
              WHERE programme_id = $1 AND stage = ANY($2) AND township = ANY($3) AND ($4::text IS NULL OR village_path LIKE $4)
              GROUP BY stage`,
            [programme.id, late, visibleTownships, own ?? null],
          ),
      this.dataSource.query<Array<{ households: number }>>(
        `SELECT count(*)::int AS households FROM household
          WHERE programme_id = $1 AND stage NOT IN ('moved-in', 'withdrawn') AND last_progress_at < $2
            AND township = ANY($3) AND ($4::text IS NULL OR village_path LIKE $4)`,
        [programme.id, stallThreshold(programme, now), visibleTownships, own ?? null],
      ),
      this.dataSource.query<Array<{ level: number; households: number }>>(
        `SELECT escalation_level AS level, count(*)::int AS households FROM household
          WHERE programme_id = $1 AND escalation_level > 0 AND township = ANY($2) AND ($3::text IS NULL OR village_path LIKE $3)
          GROUP BY escalation_level ORDER BY escalation_level`,
        [programme.id, visibleTownships, own ?? null],
      ),
    ]);
    const byTownship = new Map<
      string,
      { township: string; name: string; total: number; byStage: Record<string, number> }
    >();
    const byStage = new Map<string, number>();
    for (const c of counts) {
      const row = byTownship.get(c.township) ?? { township: c.township, name: c.name, total: 0, byStage: {} };
      row.byStage[c.stage] = c.households;
      row.total += c.households;
      byTownship.set(c.township, row);
      byStage.set(c.stage, (byStage.get(c.stage) ?? 0) + c.households);
    }
    return {
      programmeId: programme.id,
      asOf: now.toISOString(),
      households: [...byStage.values()].reduce((sum, n) => sum + n, 0),
      byStage: HOUSEHOLD_STAGES.map((stage) => ({
        stage,
        label: STAGE_LABELS[stage],
        households: byStage.get(stage) ?? 0,
      })),
      byTownship: [...byTownship.values()],
      overdueByStage: late.map((stage) => ({
        stage,
        label: STAGE_LABELS[stage],
        deadline: programme.stageDeadlines[stage]!,
        deadlineDate: deadlineDateOf(programme.stageDeadlines[stage]),
        households: overdue.find((o) => o.stage === stage)?.households ?? 0,
      })),
      stalled: stalled[0]?.households ?? 0,
      escalated: Object.fromEntries(escalated.map((e) => [String(e.level), e.households])),
    };
  }

  /** The monthly report to the province (月报): started and completed in the month and to its end, by township. */
  async monthly(caller: CurrentUser, programmeId: string, month: string): Promise<MonthlyReportView> {
    const programme = await this.programmes.programme(programmeId);
    const { start, end } = cstMonthRange(month);
    const rows = await this.dataSource.query<Array<MonthlyTownshipRow>>(
      `SELECT h.township, u.name,
              count(*)::int AS households,
              count(*) FILTER (WHERE h.started_at >= $2 AND h.started_at < $3)::int AS "startedInMonth",
              count(*) FILTER (WHERE h.started_at < $3)::int AS "startedCumulative",
              count(*) FILTER (WHERE h.completed_at >= $2 AND h.completed_at < $3)::int AS "completedInMonth",
              count(*) FILTER (WHERE h.completed_at < $3)::int AS "completedCumulative",
              count(*) FILTER (WHERE h.registered_poor)::int AS "registeredPoor"
         FROM household h JOIN unit u ON u.code = h.township
        WHERE h.programme_id = $1 AND h.withdrawn_at IS NULL AND ($4::text IS NULL OR h.village_path LIKE $4)
        GROUP BY h.township, u.name ORDER BY h.township`,
      [programme.id, start, end, this.scope(caller, programme) ?? null],
    );
    const sum = (key: keyof Omit<MonthlyTownshipRow, 'township' | 'name'>) =>
      rows.reduce((total, r) => total + r[key], 0);
    const total = {
      households: sum('households'),
      startedInMonth: sum('startedInMonth'),
      startedCumulative: sum('startedCumulative'),
      completedInMonth: sum('completedInMonth'),
      completedCumulative: sum('completedCumulative'),
      registeredPoor: sum('registeredPoor'),
    };
    return {
      programmeId: programme.id,
      programmeName: programme.name,
      month,
      townships: rows,
      total,
      registeredPoorShare:
        Math.round(registeredPoorShare(total.registeredPoor, total.households) * 10_000) / 10_000,
      registeredPoorMinimum: REGISTERED_POOR_MINIMUM,
      belowRegisteredPoorRule: belowRegisteredPoorRule(total.registeredPoor, total.households),
    };
  }
}
