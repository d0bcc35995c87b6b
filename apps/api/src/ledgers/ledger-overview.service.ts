import { Injectable } from '@nestjs/common';
import {
  LedgerOverviewQueries,
  type LedgerCountRow,
} from '../../../../libs/database/src/rectification/ledger-overview.queries';
import { ITEM_STATUS_LABELS, type ItemStatus } from '../../../../libs/domain/src/rectification/item-process';
import { daysOverdue } from '../../../../libs/domain/src/time/deadline-display';
import type { CurrentUser } from '../access/current-user';
import { deadlineDateOf } from '../common/deadline-date';
import { LedgerCountView, LedgerOverviewView } from './dto/ledger-overview.dto';
import { LedgersService } from './ledgers.service';

/** A ledger at a glance for leadership: counts by status, unit and level, and the overdue items, counted in SQL. */
@Injectable()
export class LedgerOverviewService {
  constructor(
    private readonly queries: LedgerOverviewQueries,
    private readonly ledgers: LedgersService,
  ) {}

  async overview(caller: CurrentUser, ledgerId: string): Promise<LedgerOverviewView> {
    const ledger = await this.ledgers.get(ledgerId);
    // A department sees the items of its own unit and the units below it, as in the item list.
    const [byStatus, byUnit, byLevel, overdueRows] = await Promise.all([
      this.queries.countsByStatus(ledgerId, caller),
      this.queries.countsByUnit(ledgerId, caller),
      this.queries.countsByLevel(ledgerId, caller),
      this.queries.overdueItems(ledgerId, caller),
    ]);
    const levelLabel = (level: number) =>
      level === 0 ? '未督办' : (ledger.ladder.find((s) => s.level === level)?.label ?? `第 ${level} 级`);
    const counts = (rows: LedgerCountRow[], label: (row: LedgerCountRow) => string): LedgerCountView[] =>
      rows.map((row) => ({
        key: row.key,
        label: label(row),
        total: Number(row.total),
        overdue: Number(row.overdue),
      }));
    const statusCounts = counts(byStatus, (r) => ITEM_STATUS_LABELS[r.key as ItemStatus] ?? r.key);
    const now = new Date();
    return {
      ledgerId: ledger.id,
      name: ledger.name,
      total: statusCounts.reduce((sum, r) => sum + r.total, 0),
      closed: statusCounts.find((r) => r.key === 'closed')?.total ?? 0,
      overdue: statusCounts.reduce((sum, r) => sum + r.overdue, 0),
      byStatus: statusCounts,
      byUnit: counts(byUnit, (r) => r.label ?? r.key).sort((a, b) => b.total - a.total),
      byLevel: counts(byLevel, (r) => levelLabel(Number(r.key))).sort(
        (a, b) => Number(a.key) - Number(b.key),
      ),
      overdueItems: overdueRows.map((row) => ({
        id: row.id,
        number: row.number,
        problem: row.problem,
        status: row.status,
        statusLabel: ITEM_STATUS_LABELS[row.status],
        fullDeadline: row.full_deadline.toISOString(),
        fullDeadlineDate: deadlineDateOf(row.full_deadline),
        daysOverdue: daysOverdue(row.working_deadline, now),
        responsibleUnit: row.responsible_unit,
        responsibleUnitName: row.unit_name ?? row.responsible_unit,
        responsiblePersonId: row.responsible_person_id,
        responsiblePersonName: row.person_name ?? '',
        escalationLevel: row.escalation_level,
        escalationLabel: row.escalation_level === 0 ? null : levelLabel(row.escalation_level),
      })),
    };
  }
}
