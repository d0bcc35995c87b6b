import { ApiProperty } from '@nestjs/swagger';

export const LEADER_QUEUE_KINDS = ['rectification', 'campaign-task'] as const;
export type LeaderQueueKind = (typeof LEADER_QUEUE_KINDS)[number];

/** One step of the ladder waiting for a leader's decision (约谈, 问责). */
export class LeaderQueueEntryView {
  @ApiProperty({ enum: LEADER_QUEUE_KINDS }) kind!: LeaderQueueKind;
  @ApiProperty({ example: '整改问题' }) kindLabel!: string;
  @ApiProperty({
    example: 'rectification:6f1c…',
    description: 'the object: `rectification:<itemId>` or `campaign-task:<campaignId>:<key>`',
  })
  subject!: string;
  @ApiProperty({ description: 'the item id, or the campaign id of a task' }) objectId!: string;
  @ApiProperty({ example: 'T4', description: 'the task key (empty for an item)' }) taskKey!: string;
  @ApiProperty({
    example: '第3号 危房改造资金拨付滞后',
    description: 'the item’s number and problem, or the task',
  })
  title!: string;
  @ApiProperty({ example: '2026年审计整改台账', description: 'the ledger or campaign it belongs to' })
  context!: string;
  @ApiProperty({ example: 'zjj' }) unit!: string;
  @ApiProperty({ example: '住建局' }) unitName!: string;
  @ApiProperty({ example: 5 }) level!: number;
  @ApiProperty({ example: '约谈' }) levelLabel!: string;
  @ApiProperty({ description: 'when the step fell due (its notice was issued)' }) since!: string;
  @ApiProperty({
    example: '/api/rectifications/6f1c…/leader-decision',
    description: 'where the decision is sent (body: level, decision)',
  })
  decisionPath!: string;
}
