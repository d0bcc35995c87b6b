import { Injectable } from '@nestjs/common';
import ExcelJS from 'exceljs';
import { ItemReferenceQueries } from '../../../../libs/database/src/rectification/item-references.queries';
import { RectificationItemQueries } from '../../../../libs/database/src/rectification/rectification-item.queries';
import { ITEM_STATUS_LABELS, isOverdue } from '../../../../libs/domain/src/rectification/item-process';
import { deadlineInstant } from '../../../../libs/domain/src/time/china-time';
import { showInstant } from '../../../../libs/domain/src/time/deadline-display';
import type { CurrentUser } from '../access/current-user';
import { resolvePerson, resolveUnit } from '../../../../libs/domain/src/table/references';
import { ImportTable, importRejected, RowProblem, TableColumns, templateHeader } from '../common/table-file';
import { validateRow } from '../common/validate-row';
import { deadlineCell, instantCell, writeTable } from '../common/workbook-table';
import { RegisterItemBody } from './dto/rectification.dto';
import { CheckedRegistration, ItemRegistrationService } from './item-registration.service';
import { RectificationsService } from './rectifications.service';

/**
 * Columns of the ledger workbook: the template, the import and the first columns of the export.
 * Units and people are named as a person knows them: the responsible unit by code or name, the
 * responsible person by username or by name within that unit, the verifier by username or name.
 */
export const ITEM_COLUMNS: TableColumns = {
  problem: { names: ['problem', '问题描述'] },
  source: { names: ['source', '问题来源'] },
  category: { names: ['category', '问题类别'] },
  analysis: { names: ['analysis', '问题分析'] },
  measures: { names: ['measures', '整改措施'] },
  responsibleUnit: { names: ['responsible_unit', '责任单位编码', '责任单位'], kind: 'code' },
  responsiblePerson: { names: ['responsible_person', '责任人用户名', '责任人'], kind: 'code' },
  verifier: { names: ['verifier', '验收人用户名', '验收人'], kind: 'code' },
  basicDeadline: { names: ['basic_deadline', '基本整改到位期限'], kind: 'date' },
  fullDeadline: { names: ['full_deadline', '全面整改到位期限'], kind: 'date' },
};
const HEADERS = Object.values(ITEM_COLUMNS).map(templateHeader);

/** Measures written one a line, numbered or not (`1. …`, `2、…`), as a list. */
export function measureList(text: string): string[] {
  return text
    .split(/\n/)
    .map((m) => m.replace(/^\s*\d+\s*[.、．)）]\s*/, '').trim())
    .filter(Boolean);
}

/** Starts this many item workflows at once during an import. */
const IMPORT_CONCURRENCY = 16;

@Injectable()
export class LedgerWorkbookService {
  constructor(
    private readonly registration: ItemRegistrationService,
    private readonly reading: RectificationsService,
    private readonly items: RectificationItemQueries,
    private readonly references: ItemReferenceQueries,
  ) {}

  async template(): Promise<Buffer> {
    const workbook = new ExcelJS.Workbook();
    writeTable(
      workbook.addWorksheet('整改台账'),
      HEADERS.map((header) => ({ header })),
      [
        [
          '部分危房改造补助资金未按时拨付到户',
          '2019年省审计报告',
          '资金管理',
          '审批环节多，拨付流程长',
          '1. 简化审批流程\n2. 按月拨付到户',
          '住建局',
          '张三',
          'inspector1',
          deadlineCell(deadlineInstant('2019-05-15')),
          deadlineCell(deadlineInstant('2019-05-31')),
        ],
      ],
      { title: '整改台账导入模板（责任单位填名称或编码，责任人、验收人填姓名或用户名）' },
    );
    return Buffer.from(await workbook.xlsx.writeBuffer());
  }

  /**
   * Checks every row — cells, units and people, the registration rules — and reports every problem
   * of every row at once; registers all of them, or none. With `existing`, the file is a ledger
   * brought in as it stands: deadlines that have passed are accepted and each item starts where its
   * ladder really stands (libs/domain rectification/existing-item.ts).
   */
  async import(
    caller: CurrentUser,
    ledgerId: string,
    table: ImportTable,
    options: { existing?: boolean } = {},
  ): Promise<{ created: number; numbers: number[] }> {
    const ledger = await this.registration.ledger(ledgerId);
    const { rows } = table;
    const units = await this.references.unitNames();
    const people = await this.references.activePeople();
    const verifiers = people.filter((p) => p.roles.some((r) => r === 'inspector' || r === 'command-center'));
    const problems: RowProblem[] = [];
    const checked: CheckedRegistration[] = [];
    for (const { row, cells } of rows) {
      const at = (field: string, problem: string) => problems.push({ row, field, problems: [problem] });
      const unit = cells.responsibleUnit ? resolveUnit(cells.responsibleUnit, units, '责任单位') : null;
      const person = cells.responsiblePerson
        ? resolvePerson(cells.responsiblePerson, people, unit?.ok ? unit.value : undefined)
        : null;
      const verifier = cells.verifier ? resolvePerson(cells.verifier, verifiers) : null;
      const plain = {
        problem: cells.problem,
        source: cells.source,
        category: cells.category,
        analysis: cells.analysis,
        measures: measureList(cells.measures),
        responsibleUnit: unit?.ok ? unit.value.code : cells.responsibleUnit,
        responsiblePersonId: person?.ok ? person.value.id : '',
        verifierId: verifier?.ok ? verifier.value.id : '',
        basicDeadline: cells.basicDeadline,
        fullDeadline: cells.fullDeadline,
      };
      const { value, problems: fieldProblems } = await validateRow(RegisterItemBody, row, plain);
      const resolved = { responsibleUnit: unit, responsiblePersonId: person, verifierId: verifier };
      const column: Record<string, string> = {
        responsiblePersonId: 'responsiblePerson',
        verifierId: 'verifier',
      };
      for (const p of fieldProblems) {
        const reference = resolved[p.field as keyof typeof resolved];
        if (reference === undefined) problems.push(p);
        else if (reference === null) at(column[p.field] ?? p.field, '须填写');
      }
      for (const [field, reference] of Object.entries(resolved))
        if (reference && !reference.ok) at(column[field] ?? field, reference.problem);
      if (problems.some((p) => p.row === row)) continue;
      try {
        checked.push(await this.registration.checkRegistration(ledger, value, options));
      } catch (error) {
        const response = (
          error as { getResponse?: () => { details?: Array<{ field: string; problems: string[] }> } }
        ).getResponse?.();
        for (const detail of response?.details ?? [{ field: '', problems: [(error as Error).message] }]) {
          problems.push({ row, field: column[detail.field] ?? detail.field, problems: detail.problems });
        }
      }
    }
    if (rows.length === 0) problems.push({ row: 1, field: '', problems: ['文件中没有问题行'] });
    if (problems.length > 0) throw importRejected(problems, table);
    const numbers: number[] = [];
    for (let i = 0; i < checked.length; i += IMPORT_CONCURRENCY) {
      const ids = await Promise.all(
        checked
          .slice(i, i + IMPORT_CONCURRENCY)
          .map((facts, j) => this.registration.start(caller, ledger, facts, `row:${i + j}`)),
      );
      numbers.push(...(await this.items.numbersOf(ids)));
    }
    return { created: checked.length, numbers: numbers.sort((a, b) => a - b) };
  }

  /** The ledger as a workbook with status columns, for the units that can see each row. */
  async export(caller: CurrentUser, ledgerId: string): Promise<Buffer> {
    const ledger = await this.registration.ledger(ledgerId);
    const page = await this.reading.list(caller, { ledger: ledger.id, page: 1, pageSize: 100_000 });
    const rows = await this.items.inNumberOrder(page.items.map((i) => i.id));
    const units = new Map((await this.references.unitNames()).map((u) => [u.code, u.name]));
    const people = new Map(
      (
        await this.references.peopleByIds([
          ...new Set(rows.flatMap((r) => [r.responsiblePersonId, r.verifierId])),
        ])
      ).map((u) => [u.id, u.displayName]),
    );
    const now = new Date().toISOString();
    const levelLabel = (level: number) => ledger.ladder.find((step) => step.level === level)?.label ?? '';
    const workbook = new ExcelJS.Workbook();
    workbook.creator = '攻坚行动与整改台账工作流引擎';
    writeTable(
      workbook.addWorksheet('整改台账'),
      [
        ...HEADERS.map((header) => ({ header })),
        { header: '编号' },
        { header: '原定全面整改期限' },
        { header: '状态' },
        { header: '是否逾期' },
        { header: '督办级别' },
        { header: '暂停天数' },
        { header: '延期次数' },
        { header: '回头看次数' },
        { header: '销号时间' },
      ],
      rows.map((r) => [
        r.problem,
        r.source,
        r.category,
        r.analysis,
        r.measures.map((m, i) => `${i + 1}. ${m}`).join('\n'),
        units.get(r.responsibleUnit) ?? r.responsibleUnit,
        people.get(r.responsiblePersonId) ?? '',
        people.get(r.verifierId) ?? '',
        deadlineCell(r.basicDeadline),
        deadlineCell(r.fullDeadline),
        r.number,
        deadlineCell(r.originalFullDeadline),
        ITEM_STATUS_LABELS[r.status],
        isOverdue(r.state, now) ? '是' : '否',
        levelLabel(r.escalationLevel),
        Math.round((r.pausedMs / 86_400_000) * 10) / 10,
        r.extensionsApproved,
        r.reopenCount,
        r.closedAt ? instantCell(r.closedAt) : '',
      ]),
      { title: `${ledger.name}（导出于 ${showInstant(new Date())}）` },
    );
    return Buffer.from(await workbook.xlsx.writeBuffer());
  }
}
