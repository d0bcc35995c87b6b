import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { Environment } from '../../../../libs/config/src/environment';
import { householdWorkflowId } from '../../../../libs/contracts/src/housing/household-pipeline';
import type { HouseholdImport } from '../../../../libs/database/src/housing/household-import.entity';
import { HouseholdImportQueries } from '../../../../libs/database/src/housing/household-imports.queries';
import type { Household } from '../../../../libs/database/src/housing/household.entity';
import { HouseholdQueries } from '../../../../libs/database/src/housing/households.queries';
import { HousingPlaceQueries } from '../../../../libs/database/src/housing/housing-places.queries';
import { newHouseholdState } from '../../../../libs/domain/src/housing/household-process';
import type { HouseRating } from '../../../../libs/domain/src/housing/household-stages';
import { resolveUnit } from '../../../../libs/domain/src/table/references';
import { TEMPORAL_CLIENT } from '../../../../libs/temporal/src/temporal.tokens';
import type { householdImportWorkflow } from '../../../../workflows/housing/household-import.workflow';
import { readsAcrossUnits } from '../access/access-policy';
import { auditActor, CurrentUser } from '../access/current-user';
import { AuditService } from '../audit/audit.service';
import { CommonErrors } from '../common/errors/common.errors';
import { ImportTable, importRejected, RowProblem } from '../common/table-file';
import { validateRow } from '../common/validate-row';
import { boundedWorkflowCall } from '../common/workflow-wait';
import { HouseholdRow, isYes } from './dto/household.dto';
import type { ImportView } from './dto/housing-view.dto';
import { MAX_IMPORT_ROWS } from './household-columns';
import { mayImportFor } from './housing-access';
import { HousingErrors } from './housing.errors';
import { ProgrammesService } from './programmes.service';

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
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    private readonly imports: HouseholdImportQueries,
    private readonly households: HouseholdQueries,
    private readonly places: HousingPlaceQueries,
    private readonly programmes: ProgrammesService,
    private readonly audit: AuditService,
    private readonly env: Environment,
  ) {}

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

    const places = await this.places.townshipsAndVillages();
    const townships = places.filter((u) => u.kind === 'township');
    const villages = places.filter((u) => u.kind === 'village');
    const existing = await this.households.numbersTaken(
      programmeId,
      rows.map((r) => r.cells.householdNo),
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
      throw CommonErrors.error(
        'OTHER_UNIT',
        `只能导入本单位的农户：第 ${outOfReach.slice(0, 10).join('、')}${outOfReach.length > 10 ? ' 等' : ''} 行不属于本单位，本次未导入`,
        outOfReach.map((row) => ({ row, field: 'township', problems: ['不是本单位的乡镇或村'] })),
      );
    if (problems.length > 0) throw importRejected(problems, table);

    await this.audit.inTransaction(async (manager) => {
      await new HouseholdImportQueries(manager).store(
        {
          id: importId,
          programmeId,
          fileName,
          households: households.length,
          started: 0,
          status: 'starting',
          importedBy: auditActor(caller).id,
        },
        households,
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
    const batch = await this.imports.byId(importId);
    if (!batch || (!readsAcrossUnits(caller) && batch.importedBy !== auditActor(caller).id))
      throw HousingErrors.error('IMPORT_NOT_FOUND', `导入批次 ${importId} 不存在`);
    return importView(batch);
  }
}
