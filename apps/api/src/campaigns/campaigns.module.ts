import { Module } from '@nestjs/common';
import { CalendarModule } from '../calendar/calendar.module';
import { DocumentsService } from '../documents/documents.service';
import { CampaignDocumentsController } from './campaign-documents.controller';
import { CampaignNoticesController } from './campaign-notices.controller';
import { CampaignNoticesService } from './campaign-notices.service';
import { CampaignEventsController } from './campaign-events.controller';
import { CampaignEventsService } from './campaign-events.service';
import { CampaignPlansController } from './campaign-plans.controller';
import { CampaignPlansService } from './campaign-plans.service';
import { CampaignReportsService } from './campaign-reports.service';
import { CampaignStepsService } from './campaign-steps.service';
import { CampaignTasksController } from './campaign-tasks.controller';
import { CampaignTasksService } from './campaign-tasks.service';
import { CampaignsController } from './campaigns.controller';
import { CampaignsService } from './campaigns.service';
import { PlanDraftsController } from './plan-drafts.controller';
import { ProgressController } from './progress.controller';
import { ProgressService } from './progress.service';
import { ResponsibilitiesController } from './responsibilities.controller';
import { ResponsibilitiesService } from './responsibilities.service';

/** Campaigns (百日攻坚行动): plans, launch, tasks, pledges, progress and reports. */
@Module({
  imports: [CalendarModule],
  controllers: [
    PlanDraftsController,
    CampaignsController,
    CampaignPlansController,
    CampaignTasksController,
    CampaignNoticesController,
    CampaignDocumentsController,
    ProgressController,
    ResponsibilitiesController,
    CampaignEventsController,
  ],
  providers: [
    CampaignsService,
    CampaignStepsService,
    CampaignReportsService,
    CampaignPlansService,
    CampaignTasksService,
    CampaignNoticesService,
    DocumentsService,
    ProgressService,
    ResponsibilitiesService,
    CampaignEventsService,
  ],
  exports: [CampaignsService],
})
export class CampaignsModule {}
