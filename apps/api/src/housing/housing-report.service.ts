import { Injectable } from '@nestjs/common';
import type { HousingProgramme } from '../../../../libs/database/src/housing/housing-programme.entity';
import { HousingReportQueries } from '../../../../libs/database/src/housing/housing-report.queries';
import { stagesPastDeadline } from '../../../../libs/domain/src/housing/household-escalation';
import { HOUSEHOLD_STAGES, STAGE_LABELS } from '../../../../libs/domain/src/housing/household-stages';
import {
  belowRegisteredPoorRule,
  REGISTERED_POOR_MINIMUM,
  registeredPoorShare,
} from '../../../../libs/domain/src/housing/programme-rules';
import { cstDate, cstDayStart, cstMonthRange } from '../../../../libs/domain/src/time/china-time';
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
    private readonly tallies: HousingReportQueries,
    private readonly programmes: ProgrammesService,
  ) {}

  /** Township codes the caller may report on; undefined means all of them. */
  private scope(caller: CurrentUser, programme: HousingProgramme): string | undefined {
    return readsWholeProgramme(caller, programme) ? undefined : `${caller.unitPath}%`;
  }

  async progress(caller: CurrentUser, programmeId: string): Promise<ProgrammeProgressView> {
    const programme = await this.programmes.programme(programmeId);
    const now = new Date();
    const own = this.scope(caller, programme) ?? null;
    // Stalled: active households whose last progress is before the threshold — whole CST days
    // from the counters, the threshold's own day from the rows (index household_active_progress).
    const threshold = stallThreshold(programme, now);
    const thresholdDay = cstDate(threshold);
    const [tallies, boundary] = await Promise.all([
      this.tallies.progressTallies(programme.id, own, thresholdDay),
      this.tallies.activeLastProgressedBetween(programme.id, cstDayStart(thresholdDay), threshold, own),
    ]);
    const counts = tallies.filter((t) => t.kind === 'stage').map((t) => ({ ...t, stage: t.key }));
    const sumOf = (kind: string, key?: string) =>
      tallies
        .filter((t) => t.kind === kind && (key === undefined || t.key === key))
        .reduce((sum, t) => sum + t.households, 0);
    const late = stagesPastDeadline(programme, now.toISOString());
    const escalated = new Map<string, number>();
    for (const t of tallies.filter((t) => t.kind === 'escalation'))
      escalated.set(t.key, (escalated.get(t.key) ?? 0) + t.households);
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
        households: sumOf('stage', stage),
      })),
      stalled: sumOf('progress-day') + boundary,
      escalated: Object.fromEntries(
        [...escalated].sort(([a], [b]) => Number(a) - Number(b)).filter(([, households]) => households > 0),
      ),
    };
  }

  /** The monthly report to the province (月报): started and completed in the month and to its end, by township. */
  async monthly(caller: CurrentUser, programmeId: string, month: string): Promise<MonthlyReportView> {
    const programme = await this.programmes.programme(programmeId);
    cstMonthRange(month); // refuses what is not a month
    // From the counters (household_tally): `started` / `completed` are keyed by CST month, so
    // "in the month" is that key and "to its end" every key up to it.
    const rows: MonthlyTownshipRow[] = await this.tallies.monthlyByTownship(
      programme.id,
      month,
      this.scope(caller, programme) ?? null,
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
