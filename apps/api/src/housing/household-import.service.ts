import { randomUUID } from 'node:crypto';
import { ForbiddenException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Client } from '@temporalio/client';
import ExcelJS from 'exceljs';
import { DataSource, In } from 'typeorm';
import { Environment } from '../../../../libs/config/src/environment';
import { householdWorkflowId } from '../../../../libs/contracts/src/housing/household-pipeline';
import { HouseholdImport } from '../../../../libs/database/src/housing/household-import.entity';
import { Household } from '../../../../libs/database/src/housing/household.entity';
import { Unit } from '../../../../libs/database/src/organisation/unit.entity';
import { newHouseholdState } from '../../../../libs/domain/src/housing/household-process';
import type { HouseRating } from '../../../../libs/domain/src/housing/household-stages';
import { TEMPORAL_CLIENT } from '../../../../libs/temporal/src/temporal.tokens';
import type { householdImportWorkflow } from '../../../../workflows/housing/household-import.workflow';
import { readsAcrossUnits } from '../access/access-policy';
import { auditActor, CurrentUser } from '../access/current-user';
import { AuditService } from '../audit/audit.service';
import { ImportTable, importRejected, RowProblem, TableColumns, templateHeader } from '../common/table-file';
import { deadlineCell, writeTable } from '../common/workbook-table';
import { showInstant } from '../../../../libs/domain/src/time/deadline-display';
import { resolveUnit } from '../../../../libs/domain/src/table/references';
import { validateRow } from '../common/validate-row';
import { HouseholdRow, isYes } from './dto/household.dto';
import type { ImportView } from './dto/housing-view.dto';
import { mayImportFor } from './housing-access';
import { HouseholdsService } from './households.service';
import { ProgrammesService } from './programmes.service';
import { boundedWorkflowCall } from '../common/workflow-wait';

/** Columns of the household workbook, English or Chinese headers; the template uses the Chinese ones. */
export const HOUSEHOLD_COLUMNS: TableColumns = {
  householdNo: { names: ['household_no', '户编号'], kind: 'code' },
  headName: { names: ['head_name', '户主姓名'] },
  township: { names: ['township', '乡镇编码', '乡镇'], kind: 'code' },
  village: { names: ['village', '村编码', '村'], kind: 'code' },
  registeredPoor: { names: ['registered_poor', '是否建档立卡贫困户'], kind: 'boolean' },
  houseRating: { names: ['house_rating', '房屋危险等级'], kind: 'code' },
  plannedSubsidy: { names: ['planned_subsidy', '计划补助金额（元）'], kind: 'number' },
};

/** The template's headers, in order: the import reads them, the export writes them first. */
const IMPORT_HEADERS = Object.values(HOUSEHOLD_COLUMNS).map(templateHeader);

/** One request may bring a whole county's programme. */
export const MAX_IMPORT_ROWS = 20_000;
const INSERT_CHUNK = 1000;

function importView(batch: HouseholdImport): ImportView {
  return {
    id: batch.id,
    programmeId: batch.programmeId,
    fileName: batch.fileName,
    households: batch.households,
    started: batch.started,
    status: batch.status,
    createdAt: batch.createdAt.toISOString(),
    finishedAt: batch.finishedAt?.toISOString() ?? null,
  };
}

/**
 * Imports a batch of households: every row is checked (fields, units, duplicates, the caller's
 * reach) and a bad row rejects the whole file; a good file is written in one transaction and its
 * pipelines are started in the background by a workflow, with progress to poll.
 */
@Injectable()
export class HouseholdImportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    private readonly programmes: ProgrammesService,
    private readonly households: HouseholdsService,
    private readonly audit: AuditService,
    private readonly env: Environment,
  ) {}

  /** The import template: the workbook's columns (乡镇 and 村 by name or code) and an example row. */
  async template(): Promise<Buffer> {
    const workbook = new ExcelJS.Workbook();
    writeTable(
      workbook.addWorksheet('危房改造户'),
      IMPORT_HEADERS.map((header) => ({ header })),
      [['5224010001', '张三', '示范镇', '示范村', '是', 'D', 14000]],
      { title: '危房改造农户导入模板（乡镇、村可填写名称或编码）' },
    );
    return Buffer.from(await workbook.xlsx.writeBuffer());
  }

  /**
   * The programme's households as a workbook with the template's columns first (it re-imports into
   * another programme as it stands), then where each stands: 当前阶段, 本阶段期限, 是否逾期, 督办级别.
   * A township or village gets its own households.
   */
  async export(caller: CurrentUser, programmeId: string): Promise<{ fileName: string; content: Buffer }> {
    const programme = await this.programmes.programme(programmeId);
    const page = await this.households.list(caller, {
      programme: programmeId,
      page: 1,
      pageSize: MAX_IMPORT_ROWS * 10,
    });
    const codes = [...new Set(page.items.flatMap((h) => [h.village, h.township]))];
    const names = new Map(
      (await this.dataSource.getRepository(Unit).findBy({ code: In(codes) })).map((u) => [u.code, u.name]),
    );
    const levelLabel = (level: number) => programme.ladder.find((step) => step.level === level)?.label ?? '';
    const workbook = new ExcelJS.Workbook();
    workbook.creator = '攻坚行动与整改台账工作流引擎';
    writeTable(
      workbook.addWorksheet('危房改造户'),
      [
        ...IMPORT_HEADERS.map((header) => ({ header })),
        { header: '当前阶段' },
        { header: '本阶段期限' },
        { header: '是否逾期' },
        { header: '督办级别' },
      ],
      page.items.map((h) => [
        h.householdNo,
        h.headName,
        names.get(h.township) ?? h.township,
        names.get(h.village) ?? h.village,
        h.registeredPoor ? '是' : '否',
        h.houseRating,
        Number(h.plannedSubsidyYuan),
        h.stageLabel,
        h.stageDeadline ? deadlineCell(h.stageDeadline) : '',
        h.overdue ? '是' : '否',
        levelLabel(h.escalationLevel),
      ]),
      { title: `${programme.name}危房改造农户清单（导出于 ${showInstant(new Date())}）` },
    );
    return {
      fileName: `${programme.name}-农户清单.xlsx`,
      content: Buffer.from(await workbook.xlsx.writeBuffer()),
    };
  }

  /**
   * Checks every row — fields, the township and village (by code or name; a village within its
   * township), duplicates, the caller's reach — and reports every problem at once.
   */
  async import(
    caller: CurrentUser,
    programmeId: string,
    fileName: string,
    table: ImportTable,
  ): Promise<ImportView> {
    const programme = await this.programmes.programme(programmeId);
    const { rows } = table;
    if (rows.length === 0) throw importRejected([{ row: 1, field: 'file', problems: ['文件中没有农户'] }]);
    if (rows.length > MAX_IMPORT_ROWS)
      throw importRejected([{ row: 1, field: 'file', problems: [`每个文件最多 ${MAX_IMPORT_ROWS} 户`] }]);

    const places = await this.dataSource.getRepository(Unit).find({
      select: { code: true, name: true, kind: true, parentCode: true, path: true },
      where: { kind: In(['township', 'village']) },
    });
    const townships = places.filter((u) => u.kind === 'township');
    const villages = places.filter((u) => u.kind === 'village');
    const existing = new Set(
      (
        await this.dataSource.getRepository(Household).find({
          select: { householdNo: true },
          where: { programmeId, householdNo: In(rows.map((r) => r.cells.householdNo)) },
        })
      ).map((h) => h.householdNo),
    );
    const problems: RowProblem[] = [];
    const outOfReach: number[] = [];
    const seen = new Map<string, number>();
    const importId = randomUUID();
    const now = new Date().toISOString();
    const households: Array<Partial<Household>> = [];
    for (const { row, cells } of rows) {
      const at = (field: string, problem: string) => problems.push({ row, field, problems: [problem] });
      const township = resolveUnit(cells.township, townships, '乡镇');
      const village = resolveUnit(
        cells.village,
        township.ok ? villages.filter((v) => v.parentCode === township.value.code) : villages,
        '村',
      );
      const elsewhere = township.ok && !village.ok ? resolveUnit(cells.village, villages) : null;
      const { value, problems: fieldProblems } = await validateRow(HouseholdRow, row, {
        ...cells,
        township: township.ok ? township.value.code : 'x',
        village: village.ok ? village.value.code : 'x',
        houseRating: cells.houseRating.toUpperCase(),
      });
      problems.push(...fieldProblems);
      if (!cells.township) at('township', '须填写乡镇编码或名称');
      else if (!township.ok) at('township', township.problem);
      if (!cells.village) at('village', '须填写村编码或名称');
      else if (!village.ok)
        at(
          'village',
          elsewhere?.ok && township.ok
            ? `村 ${cells.village} 不属于乡镇 ${township.value.name}`
            : village.problem,
        );
      if (seen.has(value.householdNo))
        at('householdNo', `户编号 ${value.householdNo} 与第 ${seen.get(value.householdNo)} 行重复`);
      else seen.set(value.householdNo, row);
      if (existing.has(value.householdNo)) at('householdNo', `户编号 ${value.householdNo} 已在本项目中`);
      if (!village.ok || !township.ok) continue;
      if (!mayImportFor(caller, programme, village.value.path)) outOfReach.push(row);
      if (problems.some((p) => p.row === row) || outOfReach.includes(row)) continue;
      const houseRating = value.houseRating as HouseRating;
      const state = newHouseholdState(houseRating, now);
      households.push({
        id: randomUUID(),
        programmeId,
        importId,
        householdNo: value.householdNo,
        headName: value.headName,
        village: value.village,
        township: value.township,
        villagePath: village.value.path,
        registeredPoor: isYes(value.registeredPoor),
        houseRating,
        plannedSubsidyFen: Math.round(Number(value.plannedSubsidy) * 100),
        workflowId: householdWorkflowId(programmeId, value.householdNo),
        pipelineStarted: false,
        stage: state.stage,
        openObjections: 0,
        stageEnteredAt: new Date(now),
        lastProgressAt: new Date(now),
        escalationLevel: 0,
        state,
        version: state.version,
        updatedAt: new Date(now),
      });
    }
    if (outOfReach.length > 0)
      throw new ForbiddenException({
        code: 'OTHER_UNIT',
        message: `只能导入本单位的农户：第 ${outOfReach.slice(0, 10).join('、')}${outOfReach.length > 10 ? ' 等' : ''} 行不属于本单位，本次未导入`,
        details: outOfReach.map((row) => ({
          row,
          field: 'township',
          problems: ['不是本单位的乡镇或村'],
        })),
      });
    if (problems.length > 0) throw importRejected(problems, table);

    await this.audit.inTransaction(async (manager) => {
      await manager.getRepository(HouseholdImport).insert({
        id: importId,
        programmeId,
        fileName,
        households: households.length,
        started: 0,
        status: 'starting',
        importedBy: auditActor(caller).id,
      });
      for (let i = 0; i < households.length; i += INSERT_CHUNK)
        await manager.getRepository(Household).insert(households.slice(i, i + INSERT_CHUNK));
      await manager.query(
        `INSERT INTO household_stage_count (programme_id, township, stage, households)
         SELECT programme_id, township, stage, count(*) FROM household WHERE import_id = $1 GROUP BY 1, 2, 3
         ON CONFLICT (programme_id, township, stage)
           DO UPDATE SET households = household_stage_count.households + EXCLUDED.households`,
        [importId],
      );
      await this.audit.record(manager, auditActor(caller), {
        action: 'housing.import',
        subject: `household-import:${importId}`,
        after: { programmeId, fileName, households: households.length },
      });
      // Started inside the transaction: if Temporal is unreachable nothing is written. The wait is
      // bounded (Temporal down answers 503 within about two seconds), so the transaction is too.
      await boundedWorkflowCall(this.temporal, this.env.COMMAND_WAIT_SECONDS, () =>
        this.temporal.workflow.start<typeof householdImportWorkflow>('householdImportWorkflow', {
          taskQueue: this.env.TEMPORAL_TASK_QUEUE,
          workflowId: `household-import:${importId}`,
          args: [{ importId }],
        }),
      );
    });
    return this.progress(caller, importId);
  }

  async progress(caller: CurrentUser, importId: string): Promise<ImportView> {
    const batch = await this.dataSource.getRepository(HouseholdImport).findOneBy({ id: importId });
    if (!batch || (!readsAcrossUnits(caller) && batch.importedBy !== auditActor(caller).id))
      throw new NotFoundException({ code: 'IMPORT_NOT_FOUND', message: `导入批次 ${importId} 不存在` });
    return importView(batch);
  }
}
