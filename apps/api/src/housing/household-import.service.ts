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
import { importRejected, RowProblem, TableRow } from '../common/table-file';
import { validateRow } from '../common/validate-row';
import { HouseholdRow, isYes } from './dto/household.dto';
import type { ImportView } from './dto/housing-view.dto';
import { mayImportFor } from './housing-access';
import { ProgrammesService } from './programmes.service';

/** Columns of the household workbook, English or Chinese headers; the template uses the Chinese ones. */
export const HOUSEHOLD_COLUMNS = {
  householdNo: ['household_no', '户编号'],
  headName: ['head_name', '户主姓名'],
  village: ['village', '村编码'],
  township: ['township', '乡镇编码'],
  registeredPoor: ['registered_poor', '是否建档立卡贫困户'],
  houseRating: ['house_rating', '房屋危险等级'],
  plannedSubsidy: ['planned_subsidy', '计划补助金额（元）'],
};

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
    private readonly audit: AuditService,
    private readonly env: Environment,
  ) {}

  async template(): Promise<Buffer> {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('危房改造户');
    sheet.addRow(Object.values(HOUSEHOLD_COLUMNS).map((names) => names[1])).font = { bold: true };
    sheet.addRow(['5224010001', '张三', 'cun-01', 'zhen-01', '是', 'D', '14000']);
    sheet.columns.forEach((column) => (column.width = 20));
    return Buffer.from(await workbook.xlsx.writeBuffer());
  }

  async import(
    caller: CurrentUser,
    programmeId: string,
    fileName: string,
    rows: TableRow[],
  ): Promise<ImportView> {
    const programme = await this.programmes.programme(programmeId);
    if (rows.length === 0) throw importRejected([{ row: 1, field: 'file', problems: ['文件中没有农户'] }]);
    if (rows.length > MAX_IMPORT_ROWS)
      throw importRejected([{ row: 1, field: 'file', problems: [`每个文件最多 ${MAX_IMPORT_ROWS} 户`] }]);

    const unitCodes = [...new Set(rows.flatMap(({ cells }) => [cells.village, cells.township]))];
    const units = new Map(
      (await this.dataSource.getRepository(Unit).findBy({ code: In(unitCodes) })).map((u) => [u.code, u]),
    );
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
      const { value, problems: fieldProblems } = await validateRow(HouseholdRow, row, cells);
      problems.push(...fieldProblems);
      if (fieldProblems.length > 0) continue;
      const at = (field: string, problem: string) => problems.push({ row, field, problems: [problem] });
      const village = units.get(value.village);
      const township = units.get(value.township);
      if (!township || township.kind !== 'township') at('township', `乡镇 ${value.township} 不存在`);
      if (!village || village.kind !== 'village') at('village', `村 ${value.village} 不存在`);
      else if (village.parentCode !== value.township)
        at('village', `村 ${value.village} 不属于乡镇 ${value.township}`);
      else if (!mayImportFor(caller, programme, village.path)) outOfReach.push(row);
      if (seen.has(value.householdNo))
        at('householdNo', `户编号 ${value.householdNo} 与第 ${seen.get(value.householdNo)} 行重复`);
      else seen.set(value.householdNo, row);
      if (existing.has(value.householdNo)) at('householdNo', `户编号 ${value.householdNo} 已在本项目中`);
      if (!village || problems.some((p) => p.row === row) || outOfReach.includes(row)) continue;
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
        villagePath: village.path,
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
    if (problems.length > 0) throw importRejected(problems);

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
      // Started inside the transaction: if Temporal is unreachable nothing is written.
      await this.temporal.workflow.start<typeof householdImportWorkflow>('householdImportWorkflow', {
        taskQueue: this.env.TEMPORAL_TASK_QUEUE,
        workflowId: `household-import:${importId}`,
        args: [{ importId }],
      });
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
