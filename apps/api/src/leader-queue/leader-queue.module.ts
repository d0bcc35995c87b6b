import { Module } from '@nestjs/common';
import { LeaderQueueController } from './leader-queue.controller';
import { LeaderQueueService } from './leader-queue.service';

@Module({ controllers: [LeaderQueueController], providers: [LeaderQueueService] })
export class LeaderQueueModule {}
