import { Injectable } from '@nestjs/common';
import ExcelJS from 'exceljs';
import { UnitTaskQueries } from '../../../../libs/database/src/organisation/unit-tasks.queries';
import { TASK_STATUS_LABELS } from '../../../../libs/domain/src/campaign/campaign-task';
import { STAGE_LABELS } from '../../../../libs/domain/src/housing/household-stages';
import { deadlineInForce, isTaskOverdue } from '../../../../libs/domain/src/campaign/pace';
import {
  effectiveDeadline,
  isOverdue,
  ITEM_STATUS_LABELS,
} from '../../../../libs/domain/src/rectification/item-process';
import { assertCanReachUnit } from '../access/access-policy';
import type { CurrentUser } from '../access/current-user';
import { escalationLabel } from '../campaigns/progress.service';
import {
  UNIT_TASK_KIND_LABELS,
  UNIT_TASK_ROLE_LABELS,
  type UnitTaskRole,
  type UnitTasksView,
  type UnitTaskView,
} from './unit-tasks.dto';
import { UnitsService } from './units.service';
import { deadlineDateOf } from '../common/deadline-date';
import { deadlineCell, writeTable } from '../common/workbook-table';

/** Titles in Chinese order: one collator, made once (`localeCompare(…, 'zh')` makes one per call). */
const byTitle = new Intl.Collator('zh').compare;

/**
 * One unit's to-do list (责任清单 of a unit) across every campaign, ledger and programme, from the
 * read models: campaign tasks it leads or cooperates on and that are not accepted, open
 * rectification items it is responsible for, and households waiting for it — for a township or a
 * village the households of its villages in the stages it acts on (approval at its own level, an
 * acceptance it has not signed), for a housing bureau the households of its programmes waiting for
 * county approval or its acceptance signature, grouped per programme and stage. Sorted by deadline.
 */
@Injectable()
export class UnitTasksService {
  constructor(
    private readonly queries: UnitTaskQueries,
    private readonly units: UnitsService,
  ) {}

  async list(caller: CurrentUser, code: string): Promise<UnitTasksView> {
    const unit = await this.units.get(code);
    assertCanReachUnit(caller, unit.path);
    const now = new Date();
    const [tasks, items, households] = await Promise.all([
      this.queries.campaignTasksOf(unit.code),
      this.queries.openItemsOf(unit.code),
      this.queries.householdsWaitingFor(unit),
    ]);

    const overdue = (deadline: Date | null) => deadline !== null && now.getTime() > deadline.getTime();
    const role = (r: UnitTaskRole) => ({ role: r, roleLabel: UNIT_TASK_ROLE_LABELS[r] });
    // Each row is one object literal with its deadline's date, not `{ ...row, deadlineDate }` after
    // sorting: V8 adds a key to a spread copy slowly (about 1 µs a row).
    const list: UnitTaskView[] = [
      ...tasks.map((t): UnitTaskView => {
        // One rule with the battle map, bulletins and the ladder: pauses move the deadline.
        const clock = { deadline: t.deadline.toISOString(), pausedMs: Number(t.paused_ms), paused: t.paused };
        const deadline = deadlineInForce(clock, now);
        return {
          kind: 'campaign-task',
          kindLabel: UNIT_TASK_KIND_LABELS['campaign-task'],
          sourceId: t.campaign_id,
          sourceName: t.campaign_name,
          reference: t.key,
          title: t.name,
          ...role(t.lead_unit === unit.code ? 'lead' : 'cooperating'),
          status: t.status,
          statusLabel: TASK_STATUS_LABELS[t.status],
          households: null,
          deadline,
          deadlineDate: deadlineDateOf(deadline),
          overdue: isTaskOverdue({ ...clock, status: t.status }, now),
          escalationLevel: t.escalation_level,
          escalationLabel: escalationLabel(t.ladder ?? [], t.escalation_level),
          link: `/api/campaigns/${t.campaign_id}/tasks/${encodeURIComponent(t.key)}`,
        };
      }),
      ...items.map((i): UnitTaskView => {
        // The stage's working deadline; overdue as /api/rectifications says it (one rule, item-process).
        const deadline = new Date(
          effectiveDeadline(i.state, i.status === 'rectifying' ? 'basic' : 'full', now.toISOString()),
        ).toISOString();
        return {
          kind: 'rectification',
          kindLabel: UNIT_TASK_KIND_LABELS.rectification,
          sourceId: i.ledger_id,
          sourceName: i.ledger_name,
          reference: String(i.number),
          title: i.problem,
          ...role('responsible'),
          status: i.status,
          statusLabel: ITEM_STATUS_LABELS[i.status],
          households: null,
          deadline,
          deadlineDate: deadlineDateOf(deadline),
          overdue: isOverdue(i.state, now.toISOString()),
          escalationLevel: i.escalation_level,
          escalationLabel: escalationLabel(i.ladder, i.escalation_level),
          link: `/api/rectifications/${i.id}`,
        };
      }),
      ...households.map((h): UnitTaskView => {
        const deadline = h.stage_deadline ? new Date(h.stage_deadline) : null;
        const filter =
          h.role === 'bureau' ? '' : `&${unit.kind === 'village' ? 'village' : 'township'}=${unit.code}`;
        return {
          kind: 'housing',
          kindLabel: UNIT_TASK_KIND_LABELS.housing,
          sourceId: h.programme_id,
          sourceName: h.programme_name,
          reference: h.stage,
          title: `${STAGE_LABELS[h.stage]}：${h.households} 户`,
          ...role(h.role),
          status: h.stage,
          statusLabel: STAGE_LABELS[h.stage],
          households: h.households,
          deadline: deadline?.toISOString() ?? null,
          deadlineDate: deadlineDateOf(deadline),
          overdue: overdue(deadline),
          escalationLevel: h.level,
          escalationLabel: escalationLabel(h.ladder, h.level),
          link: `/api/housing/households?programme=${h.programme_id}&stage=${h.stage}${filter}`,
        };
      }),
    ]
      // by deadline (none last), the higher escalation level first, then by title; each row's
      // deadline parsed once, not on every comparison
      .map((row) => ({ row, at: row.deadline === null ? Infinity : Date.parse(row.deadline) }))
      .sort(
        (a, b) =>
          a.at - b.at || b.row.escalationLevel - a.row.escalationLevel || byTitle(a.row.title, b.row.title),
      )
      .map(({ row }) => row);
    return {
      unit: { code: unit.code, name: unit.name, kind: unit.kind },
      asOf: now.toISOString(),
      counts: {
        campaignTasks: tasks.length,
        rectificationItems: items.length,
        households: households.reduce((sum, h) => sum + h.households, 0),
        overdue: list.filter((i) => i.overdue).length,
      },
      items: list,
    };
  }

  /** The to-do list as an XLSX workbook (sheet 待办事项). */
  async workbook(caller: CurrentUser, code: string): Promise<{ fileName: string; content: Buffer }> {
    const list = await this.list(caller, code);
    const workbook = new ExcelJS.Workbook();
    workbook.creator = '攻坚行动与整改台账工作流引擎';
    workbook.created = new Date(list.asOf);
    const sheet = workbook.addWorksheet('待办事项');
    const columns: Array<[string, number]> = [
      ['类别', 10],
      ['所属行动/台账/项目', 28],
      ['编号', 10],
      ['事项', 40],
      ['本单位职责', 14],
      ['状态', 10],
      ['户数', 8],
      ['期限', 18],
      ['是否逾期', 10],
      ['督办级别', 12],
    ];
    writeTable(
      sheet,
      columns.map(([header, width]) => ({ header, width })),
      list.items.map((item) => [
        item.kindLabel,
        item.sourceName,
        item.reference,
        item.title,
        item.roleLabel,
        item.statusLabel,
        item.households ?? '',
        item.deadline ? deadlineCell(item.deadline) : '',
        item.overdue ? '是' : '否',
        item.escalationLabel ?? '',
      ]),
      { title: `${list.unit.name}待办事项` },
    );
    return {
      fileName: `${list.unit.name}-待办事项.xlsx`,
      content: Buffer.from(await workbook.xlsx.writeBuffer()),
    };
  }
}
