import { Module } from '@nestjs/common';
import { CampaignsModule } from '../campaigns/campaigns.module';
import { RectificationsModule } from '../rectifications/rectifications.module';
import { BatchFilterCheck } from './batch-filter-check.service';
import { BatchPreviewService } from './batch-preview.service';
import { BatchProgressService } from './batch-progress.service';
import { BatchStartService } from './batch-start.service';
import { BatchesController } from './batches.controller';

/** Acting on every object that matches a filter, as a tracked batch (batchWorkflow). */
@Module({
  imports: [RectificationsModule, CampaignsModule],
  controllers: [BatchesController],
  providers: [BatchFilterCheck, BatchPreviewService, BatchStartService, BatchProgressService],
})
export class BatchesModule {}
