import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import ExcelJS from 'exceljs';
import { DataSource, In } from 'typeorm';
import { User } from '../../../../libs/database/src/identity/user.entity';
import { Unit } from '../../../../libs/database/src/organisation/unit.entity';
import { RectificationItem } from '../../../../libs/database/src/rectification/rectification-item.entity';
import { ITEM_STATUS_LABELS, isOverdue } from '../../../../libs/domain/src/rectification/item-process';
import { showInstant } from '../../../../libs/domain/src/time/deadline-display';
import type { CurrentUser } from '../access/current-user';
import { importRejected, RowProblem, TableRow } from '../common/table-file';
import { validateRow } from '../common/validate-row';
import { addTableRow, deadlineCell } from '../common/workbook-table';
import { RegisterItemBody } from './dto/rectification.dto';
import { CheckedRegistration, RectificationsService } from './rectifications.service';

/** Columns of the ledger workbook: template, import and export share them. */
export const ITEM_COLUMNS = {
  problem: ['problem', '问题描述'],
  source: ['source', '问题来源'],
  category: ['category', '问题类别'],
  analysis: ['analysis', '问题分析'],
  measures: ['measures', '整改措施'],
  responsibleUnit: ['responsible_unit', '责任单位编码'],
  responsiblePerson: ['responsible_person', '责任人用户名'],
  verifier: ['verifier', '验收人用户名'],
  basicDeadline: ['basic_deadline', '基本整改到位期限'],
  fullDeadline: ['full_deadline', '全面整改到位期限'],
};
const HEADERS = Object.values(ITEM_COLUMNS).map((names) => names[names.length - 1]);

/** Starts this many item workflows at once during an import. */
const IMPORT_CONCURRENCY = 16;

@Injectable()
export class LedgerWorkbookService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly items: RectificationsService,
  ) {}

  async template(): Promise<Buffer> {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('整改台账');
    sheet.addRow(HEADERS).font = { bold: true };
    sheet.addRow([
      '部分危房改造补助资金未按时拨付到户',
      '2019年省审计报告',
      '资金管理',
      '审批环节多，拨付流程长',
      '1. 简化审批流程\n2. 按月拨付到户',
      'bj-zjj',
      'zhangsan',
      'inspector1',
      '2019-05-15',
      '2019-05-31',
    ]);
    sheet.columns.forEach((column) => (column.width = 22));
    return Buffer.from(await workbook.xlsx.writeBuffer());
  }

  /** Checks every row (fields, then master data); registers all of them, or none. */
  async import(
    caller: CurrentUser,
    ledgerId: string,
    rows: TableRow[],
  ): Promise<{ created: number; numbers: number[] }> {
    const ledger = await this.items.ledger(ledgerId);
    const usernames = [...new Set(rows.flatMap(({ cells }) => [cells.responsiblePerson, cells.verifier]))];
    const people = new Map(
      (await this.dataSource.getRepository(User).findBy({ username: In(usernames) })).map((u) => [
        u.username,
        u.id,
      ]),
    );
    const problems: RowProblem[] = [];
    const checked: CheckedRegistration[] = [];
    for (const { row, cells } of rows) {
      const plain = {
        problem: cells.problem,
        source: cells.source,
        category: cells.category,
        analysis: cells.analysis,
        measures: cells.measures
          .split(/\r?\n/)
          .map((m) => m.replace(/^\s*\d+[.、．)]\s*/, '').trim())
          .filter(Boolean),
        responsibleUnit: cells.responsibleUnit,
        responsiblePersonId: people.get(cells.responsiblePerson) ?? '',
        verifierId: people.get(cells.verifier) ?? '',
        basicDeadline: cells.basicDeadline,
        fullDeadline: cells.fullDeadline,
      };
      const { value, problems: rowProblems } = await validateRow(RegisterItemBody, row, plain);
      const named = rowProblems.map((p) =>
        p.field === 'responsiblePersonId' && !people.has(cells.responsiblePerson)
          ? { row, field: 'responsiblePerson', problems: [`没有用户名为 ${cells.responsiblePerson} 的人员`] }
          : p.field === 'verifierId' && !people.has(cells.verifier)
            ? { row, field: 'verifier', problems: [`没有用户名为 ${cells.verifier} 的人员`] }
            : p,
      );
      problems.push(...named);
      if (named.length > 0) continue;
      try {
        checked.push(await this.items.checkRegistration(ledger, value));
      } catch (error) {
        const response = (
          error as { getResponse?: () => { details?: Array<{ field: string; problems: string[] }> } }
        ).getResponse?.();
        for (const detail of response?.details ?? [{ field: '', problems: [(error as Error).message] }]) {
          problems.push({ row, field: detail.field, problems: detail.problems });
        }
      }
    }
    if (rows.length === 0) problems.push({ row: 1, field: '', problems: ['文件中没有问题行'] });
    if (problems.length > 0) throw importRejected(problems);
    const numbers: number[] = [];
    for (let i = 0; i < checked.length; i += IMPORT_CONCURRENCY) {
      const ids = await Promise.all(
        checked
          .slice(i, i + IMPORT_CONCURRENCY)
          .map((facts, j) => this.items.start(caller, ledger, facts, `row:${i + j}`)),
      );
      const started = await this.dataSource
        .getRepository(RectificationItem)
        .find({ where: { id: In(ids) }, select: { number: true } });
      numbers.push(...started.map((s) => s.number));
    }
    return { created: checked.length, numbers: numbers.sort((a, b) => a - b) };
  }

  /** The ledger as a workbook with status columns, for the units that can see each row. */
  async export(caller: CurrentUser, ledgerId: string): Promise<Buffer> {
    const ledger = await this.items.ledger(ledgerId);
    const page = await this.items.list(caller, { ledger: ledger.id, page: 1, pageSize: 100_000 });
    const rows = await this.dataSource
      .getRepository(RectificationItem)
      .find({ where: { id: In(page.items.map((i) => i.id)) }, order: { number: 'ASC' } });
    const units = new Map((await this.dataSource.getRepository(Unit).find()).map((u) => [u.code, u.name]));
    const people = new Map(
      (
        await this.dataSource
          .getRepository(User)
          .findBy({ id: In([...new Set(rows.flatMap((r) => [r.responsiblePersonId, r.verifierId]))]) })
      ).map((u) => [u.id, u.displayName]),
    );
    const now = new Date().toISOString();
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('整改台账');
    sheet.addRow([`${ledger.name}（导出于 ${showInstant(new Date())}）`]).font = { bold: true, size: 14 };
    sheet.addRow([
      '编号',
      '问题描述',
      '问题类别',
      '整改措施',
      '责任单位',
      '责任人',
      '验收人',
      '基本整改到位期限',
      '全面整改到位期限',
      '原定全面整改期限',
      '状态',
      '是否逾期',
      '督办级别',
      '暂停天数',
      '延期次数',
      '回头看次数',
      '销号时间',
    ]).font = { bold: true };
    for (const r of rows) {
      addTableRow(sheet, [
        r.number,
        r.problem,
        r.category,
        r.measures.map((m, i) => `${i + 1}. ${m}`).join('\n'),
        units.get(r.responsibleUnit) ?? r.responsibleUnit,
        people.get(r.responsiblePersonId) ?? '',
        people.get(r.verifierId) ?? '',
        deadlineCell(r.basicDeadline),
        deadlineCell(r.fullDeadline),
        deadlineCell(r.originalFullDeadline),
        ITEM_STATUS_LABELS[r.status],
        isOverdue(r.state, now) ? '是' : '否',
        r.escalationLevel,
        Math.round((r.pausedMs / 86_400_000) * 10) / 10,
        r.extensionsApproved,
        r.reopenCount,
        r.closedAt ? showInstant(r.closedAt) : '',
      ]);
    }
    sheet.columns.forEach((column) => (column.width = 18));
    return Buffer.from(await workbook.xlsx.writeBuffer());
  }
}
