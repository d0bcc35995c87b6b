import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import ExcelJS from 'exceljs';
import { DataSource } from 'typeorm';
import { TASK_STATUS_LABELS, type TaskStatus } from '../../../../libs/domain/src/campaign/campaign-task';
import type { EscalationStep } from '../../../../libs/domain/src/escalation/ladder';
import { STAGE_LABELS, type HouseholdStage } from '../../../../libs/domain/src/housing/household-stages';
import { deadlineInForce, isTaskOverdue } from '../../../../libs/domain/src/campaign/pace';
import {
  effectiveDeadline,
  isOverdue,
  ITEM_STATUS_LABELS,
  type ItemState,
  type ItemStatus,
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

/** A `LIKE` prefix matching a unit path and everything below it (`_` in a code is no wildcard). */
const below = (path: string) => `${path.replace(/[\\%_]/g, '\\$&')}%`;

interface CampaignTaskRow {
  campaign_id: string;
  campaign_name: string;
  key: string;
  name: string;
  lead_unit: string;
  status: TaskStatus;
  deadline: Date;
  paused_ms: string | number;
  paused: { since: string } | null;
  escalation_level: number;
  ladder: EscalationStep[] | null;
}

interface ItemRow {
  id: string;
  number: number;
  problem: string;
  ledger_id: string;
  ledger_name: string;
  ladder: EscalationStep[];
  status: ItemStatus;
  state: ItemState;
  escalation_level: number;
}

interface HouseholdGroupRow {
  programme_id: string;
  stage: HouseholdStage;
  households: number;
  level: number;
  role: 'local' | 'bureau';
}

interface ProgrammeRow {
  id: string;
  name: string;
  stage_deadlines: Partial<Record<HouseholdStage, string>>;
  ladder: EscalationStep[];
}

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
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly units: UnitsService,
  ) {}

  async list(caller: CurrentUser, code: string): Promise<UnitTasksView> {
    const unit = await this.units.get(code);
    assertCanReachUnit(caller, unit.path);
    const now = new Date();
    const [tasks, items, households] = await Promise.all([
      this.dataSource.query<CampaignTaskRow[]>(
        `SELECT t.campaign_id, c.name AS campaign_name, t.key, t.name, t.lead_unit, t.status, t.deadline,
                t.paused_ms, t.state->'paused' AS paused, t.escalation_level, v.resolved->'ladder' AS ladder
           FROM campaign_task t
           JOIN campaign c ON c.id = t.campaign_id
           LEFT JOIN campaign_plan_version v ON v.campaign_id = c.id AND v.version = c.plan_version
          WHERE (t.lead_unit = $1 OR t.cooperating_units @> ARRAY[$1]::text[])
            AND NOT t.is_group AND t.status <> 'accepted' AND t.closed_at IS NULL AND c.status <> 'closed'`,
        [unit.code],
      ),
      this.dataSource.query<ItemRow[]>(
        `SELECT i.id, i.number, i.problem, i.ledger_id, l.name AS ledger_name, l.ladder, i.status,
                i.state, i.escalation_level
           FROM rectification_item i JOIN ledger l ON l.id = i.ledger_id
          WHERE i.responsible_unit = $1 AND i.status <> 'closed'`,
        [unit.code],
      ),
      // Who a household waits for is counted by household_tally (kinds waiting-*, key stage:level,
      // kept by the household table's triggers): a village's or township's own, and the bureau's.
      this.dataSource.query<HouseholdGroupRow[]>(
        `SELECT t.programme_id, split_part(t.key, ':', 1) AS stage, sum(t.households)::int AS households,
                max(split_part(t.key, ':', 2)::int) AS level, 'local' AS role
           FROM household_tally t
          WHERE t.kind = $2 AND t.village_path LIKE $1 AND t.households > 0
          GROUP BY 1, 2
         UNION ALL
         SELECT t.programme_id, split_part(t.key, ':', 1), sum(t.households)::int,
                max(split_part(t.key, ':', 2)::int), 'bureau'
           FROM household_tally t JOIN housing_programme p ON p.id = t.programme_id
          WHERE p.housing_bureau = $3 AND t.kind = 'waiting-bureau' AND t.households > 0
          GROUP BY 1, 2`,
        [
          below(unit.path),
          unit.kind === 'township' ? 'waiting-township' : unit.kind === 'village' ? 'waiting-village' : '-',
          unit.code,
        ],
      ),
    ]);
    const programmeIds = [...new Set(households.map((h) => h.programme_id))];
    const programmes = new Map(
      (programmeIds.length
        ? await this.dataSource.query<ProgrammeRow[]>(
            `SELECT id, name, stage_deadlines, ladder FROM housing_programme WHERE id = ANY($1)`,
            [programmeIds],
          )
        : []
      ).map((p) => [p.id, p]),
    );

    const overdue = (deadline: Date | null) => deadline !== null && now.getTime() > deadline.getTime();
    const role = (r: UnitTaskRole) => ({ role: r, roleLabel: UNIT_TASK_ROLE_LABELS[r] });
    type Row = Omit<UnitTaskView, 'deadlineDate'>;
    const list: UnitTaskView[] = [
      ...tasks.map((t): Row => {
        // One rule with the battle map, bulletins and the ladder: pauses move the deadline.
        const clock = { deadline: t.deadline.toISOString(), pausedMs: Number(t.paused_ms), paused: t.paused };
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
          deadline: deadlineInForce(clock, now),
          overdue: isTaskOverdue({ ...clock, status: t.status }, now),
          escalationLevel: t.escalation_level,
          escalationLabel: escalationLabel(t.ladder ?? [], t.escalation_level),
          link: `/api/campaigns/${t.campaign_id}/tasks/${encodeURIComponent(t.key)}`,
        };
      }),
      ...items.map((i): Row => ({
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
        // The stage's working deadline; overdue as /api/rectifications says it (one rule, item-process).
        deadline: new Date(
          effectiveDeadline(i.state, i.status === 'rectifying' ? 'basic' : 'full', now.toISOString()),
        ).toISOString(),
        overdue: isOverdue(i.state, now.toISOString()),
        escalationLevel: i.escalation_level,
        escalationLabel: escalationLabel(i.ladder, i.escalation_level),
        link: `/api/rectifications/${i.id}`,
      })),
      ...households.map((h): Row => {
        const programme = programmes.get(h.programme_id);
        const at = programme?.stage_deadlines[h.stage];
        const deadline = at ? new Date(at) : null;
        const filter =
          h.role === 'bureau' ? '' : `&${unit.kind === 'village' ? 'village' : 'township'}=${unit.code}`;
        return {
          kind: 'housing',
          kindLabel: UNIT_TASK_KIND_LABELS.housing,
          sourceId: h.programme_id,
          sourceName: programme?.name ?? h.programme_id,
          reference: h.stage,
          title: `${STAGE_LABELS[h.stage]}：${h.households} 户`,
          ...role(h.role),
          status: h.stage,
          statusLabel: STAGE_LABELS[h.stage],
          households: h.households,
          deadline: deadline?.toISOString() ?? null,
          overdue: overdue(deadline),
          escalationLevel: h.level,
          escalationLabel: escalationLabel(programme?.ladder ?? [], h.level),
          link: `/api/housing/households?programme=${h.programme_id}&stage=${h.stage}${filter}`,
        };
      }),
    ]
      .sort(
        (a, b) =>
          (a.deadline === null ? Infinity : Date.parse(a.deadline)) -
            (b.deadline === null ? Infinity : Date.parse(b.deadline)) ||
          b.escalationLevel - a.escalationLevel ||
          a.title.localeCompare(b.title, 'zh'),
      )
      .map((row) => ({ ...row, deadlineDate: deadlineDateOf(row.deadline) }));
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
