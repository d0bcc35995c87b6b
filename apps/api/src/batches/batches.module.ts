import { Module } from '@nestjs/common';
import { CampaignsModule } from '../campaigns/campaigns.module';
import { RectificationsModule } from '../rectifications/rectifications.module';
import { BatchesController } from './batches.controller';
import { BatchesService } from './batches.service';

/** Acting on every object that matches a filter, as a tracked batch (batchWorkflow). */
@Module({
  imports: [RectificationsModule, CampaignsModule],
  controllers: [BatchesController],
  providers: [BatchesService],
})
export class BatchesModule {}
