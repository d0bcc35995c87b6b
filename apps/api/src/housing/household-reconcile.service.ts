import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Client } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { reconcileHouseholds } from '../../../../activities/housing/household-reconciler';
import { HouseholdQueries } from '../../../../libs/database/src/housing/households.queries';
import { TEMPORAL_CLIENT } from '../../../../libs/temporal/src/temporal.tokens';
import { validationFailed } from '../common/validation-failed';
import type { ReconcileReportView } from './dto/housing-view.dto';
import { ProgrammesService } from './programmes.service';

/**
 * The worker's periodic reconciliation, run now over one programme (or some of its households):
 * every row is compared with its workflow's `state` query and a row that ran ahead is rewritten
 * from it, each repair audited as `household.reconciled`. Safe to repeat and to run beside the
 * worker's own pass (a repair locks its row; a row in step is left alone).
 */
@Injectable()
export class HouseholdReconcileService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    private readonly households: HouseholdQueries,
    private readonly programmes: ProgrammesService,
  ) {}

  async reconcile(programmeId: string, householdIds?: string[]): Promise<ReconcileReportView> {
    await this.programmes.programme(programmeId); // 404 PROGRAMME_NOT_FOUND
    if (householdIds) {
      const found = await this.households.idsInProgramme(programmeId, householdIds);
      const missing = householdIds.flatMap((id, i) => (found.has(id) ? [] : [i]));
      if (missing.length > 0)
        throw validationFailed(
          missing.slice(0, 20).map((i) => ({ field: `householdIds[${i}]`, problems: ['不是本项目的农户'] })),
          '所列农户不属于本项目',
        );
    }
    const report = await reconcileHouseholds(
      { dataSource: this.dataSource, client: this.temporal },
      { programmeId, householdIds },
    );
    const ids = [...report.repaired, ...report.unanswered];
    const numbers = await this.households.numbersOf(ids);
    const named = (list: string[]) =>
      list
        .map((householdId) => ({ householdId, householdNo: numbers.get(householdId) ?? '' }))
        .sort((a, b) => a.householdNo.localeCompare(b.householdNo));
    return {
      checked: report.checked,
      repaired: named(report.repaired),
      unanswered: named(report.unanswered),
    };
  }
}
