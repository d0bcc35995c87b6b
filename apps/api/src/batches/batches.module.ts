import { Module } from '@nestjs/common';
import { BatchesController } from './batches.controller';
import { BatchesService } from './batches.service';

/** Acting on every object that matches a filter, as a tracked batch (batchWorkflow). */
@Module({ controllers: [BatchesController], providers: [BatchesService] })
export class BatchesModule {}
