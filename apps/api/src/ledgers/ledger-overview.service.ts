import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ITEM_STATUS_LABELS, type ItemStatus } from '../../../../libs/domain/src/rectification/item-process';
import { daysOverdue } from '../../../../libs/domain/src/time/deadline-display';
import { readsAcrossUnits } from '../access/access-policy';
import type { CurrentUser } from '../access/current-user';
import { deadlineDateOf } from '../common/deadline-date';
import { LedgerCountView, LedgerOverviewView } from './dto/ledger-overview.dto';
import { LedgersService } from './ledgers.service';

/** Overdue as the item list counts it: open, not paused, past the full deadline plus paused time. */
const OVERDUE_SQL = `(i.status <> 'closed' AND i.paused_since IS NULL AND i.full_deadline + i.paused_ms * interval '1 millisecond' < now())`;
const OVERDUE_LIST_LIMIT = 200;

interface CountRow {
  key: string;
  label: string | null;
  total: string;
  overdue: string;
}

/** A ledger at a glance for leadership: counts by status, unit and level, and the overdue items, counted in SQL. */
@Injectable()
export class LedgerOverviewService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ledgers: LedgersService,
  ) {}

  async overview(caller: CurrentUser, ledgerId: string): Promise<LedgerOverviewView> {
    const ledger = await this.ledgers.get(ledgerId);
    // A department sees the items of its own unit and the units below it, as in the item list.
    const params: unknown[] = [ledgerId];
    let scope = '';
    if (!readsAcrossUnits(caller)) {
      params.push(`${caller.unitPath}%`, caller.id);
      scope = ` AND (i.responsible_unit_path LIKE $2 OR i.verifier_id = $3 OR i.responsible_person_id = $3)`;
    }
    const where = `i.ledger_id = $1${scope}`;
    const count = (key: string, label: string, join = '', filter = '') =>
      this.dataSource.query<CountRow[]>(
        `SELECT ${key} AS key, ${label} AS label, count(*) AS total, count(*) FILTER (WHERE ${OVERDUE_SQL}) AS overdue
           FROM rectification_item i ${join} WHERE ${where}${filter} GROUP BY 1, 2 ORDER BY 1`,
        params,
      );
    const [byStatus, byUnit, byLevel, overdueRows] = await Promise.all([
      count('i.status', 'NULL'),
      count('i.responsible_unit', 'u.name', 'LEFT JOIN unit u ON u.code = i.responsible_unit'),
      count('i.escalation_level::text', 'NULL', '', ` AND i.status <> 'closed'`),
      this.dataSource.query<
        Array<{
          id: string;
          number: number;
          problem: string;
          status: ItemStatus;
          full_deadline: Date;
          working_deadline: Date;
          responsible_unit: string;
          unit_name: string | null;
          responsible_person_id: string;
          person_name: string | null;
          escalation_level: number;
        }>
      >(
        `SELECT i.id, i.number, i.problem, i.status, i.full_deadline,
                i.full_deadline + i.paused_ms * interval '1 millisecond' AS working_deadline,
                i.responsible_unit, u.name AS unit_name, i.responsible_person_id, p.display_name AS person_name,
                i.escalation_level
           FROM rectification_item i
           LEFT JOIN unit u ON u.code = i.responsible_unit
           LEFT JOIN app_user p ON p.id = i.responsible_person_id
          WHERE ${where} AND ${OVERDUE_SQL}
          ORDER BY working_deadline ASC, i.number ASC
          LIMIT ${OVERDUE_LIST_LIMIT}`,
        params,
      ),
    ]);
    const levelLabel = (level: number) =>
      level === 0 ? '未督办' : (ledger.ladder.find((s) => s.level === level)?.label ?? `第 ${level} 级`);
    const counts = (rows: CountRow[], label: (row: CountRow) => string): LedgerCountView[] =>
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
