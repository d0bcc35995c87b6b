import { Module } from '@nestjs/common';
import { DocumentsService } from '../documents/documents.service';
import { HouseholdEvidenceService } from './household-evidence.service';
import { HouseholdImportService } from './household-import.service';
import { HouseholdReconcileService } from './household-reconcile.service';
import { HouseholdStepsService } from './household-steps.service';
import { HouseholdWorkbookService } from './household-workbook.service';
import { HouseholdsController } from './households.controller';
import { HouseholdsService } from './households.service';
import { HousingReportController } from './housing-report.controller';
import { HousingReportService } from './housing-report.service';
import { ProgrammesController } from './programmes.controller';
import { ProgrammesService } from './programmes.service';

/** Housing-repair pipelines (危房改造): programmes, household imports, steps, progress and reports. */
@Module({
  controllers: [ProgrammesController, HouseholdsController, HousingReportController],
  providers: [
    ProgrammesService,
    HouseholdImportService,
    HouseholdWorkbookService,
    HouseholdReconcileService,
    HouseholdsService,
    HouseholdStepsService,
    HouseholdEvidenceService,
    HousingReportService,
    DocumentsService,
  ],
})
export class HousingModule {}
