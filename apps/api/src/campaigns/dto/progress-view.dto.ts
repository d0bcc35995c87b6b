import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ApiDeadlineDate } from '../../common/deadline-date';

export class UnitRef {
  @ApiProperty({ example: 'zjj' }) code!: string;
  @ApiProperty({ example: '县住建局' }) name!: string;
}

export class ProgressWindowView {
  @ApiProperty({ example: '2018-06-19T16:00:00.000Z', description: 'start of the first day (CST)' })
  start!: string;
  @ApiProperty({ example: '2018-09-30T16:00:00.000Z', description: 'end of the last day (CST)' })
  end!: string;
  @ApiDeadlineDate() endDate!: string | null;
}

export class ProgressCampaignView {
  @ApiProperty() id!: string;
  @ApiProperty({ example: '精准脱贫“百日攻坚行动”' }) name!: string;
  @ApiProperty({ enum: ['draft', 'running', 'paused', 'closed'] }) status!: string;
  @ApiProperty({ example: '推进中' }) statusLabel!: string;
  @ApiProperty({ type: ProgressWindowView }) window!: ProgressWindowView;
  @ApiProperty() planVersion!: number;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'whole CST days left in the window (0 on its last day); null once it has ended',
  })
  daysLeft!: number | null;
  @ApiProperty({ type: String, nullable: true }) launchedAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) closedAt!: string | null;
  @ApiProperty({ description: 'the instant the figures were computed for' }) asOf!: string;
  @ApiProperty({
    example: 37.4,
    description: 'overall progress (总体进度): the mean percentage of the leaf tasks, one decimal',
  })
  percentage!: number;
}

export class GoalProgressView {
  @ApiProperty({ example: 'G1' }) key!: string;
  @ApiProperty({ example: '贫困人口精准识别率' }) name!: string;
  @ApiProperty({ example: 100 }) target!: number;
  @ApiProperty({ example: '%' }) unit!: string;
  @ApiProperty({ example: 62.5 }) actual!: number;
  @ApiProperty({ example: 62.5, description: 'actual / target × 100, one decimal' }) percentage!: number;
}

export class TaskTargetView {
  @ApiProperty({ example: 747 }) quantity!: number;
  @ApiProperty({ example: '户' }) unit!: string;
}

export class TaskLinkView {
  @ApiProperty({ enum: ['ledger', 'programme'] }) kind!: string;
  @ApiProperty({ description: 'items closed / households moved in' }) done!: number;
  @ApiProperty({ description: 'items on the ledger / households in the programme' }) total!: number;
}

export class TaskProgressItemView {
  @ApiProperty({ example: 'T5.1' }) key!: string;
  @ApiProperty({ type: String, nullable: true, example: 'T5' }) parentKey!: string | null;
  @ApiProperty({ example: '确保贫困人口全部参合' }) name!: string;
  @ApiProperty({ description: 'a task with sub-tasks: its figures are their rollup' }) isGroup!: boolean;
  @ApiProperty({ enum: ['in-progress', 'submitted', 'accepted'] }) status!: string;
  @ApiProperty({ example: '推进中' }) statusLabel!: string;
  @ApiProperty({ example: 45.1, description: '0–100, one decimal' }) percentage!: number;
  @ApiProperty({
    type: Number,
    nullable: true,
    example: 510,
    description:
      'the quantity counted toward the target (reported or linked): the same name as in the task detail and the change feed',
  })
  quantityDone!: number | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    deprecated: true,
    description:
      'the same as quantityDone; kept for the web console’s battle map until it reads quantityDone',
  })
  quantity!: number | null;
  @ApiPropertyOptional({ type: TaskTargetView }) target!: TaskTargetView | null;
  @ApiProperty({ enum: ['reported', 'ledger', 'programme'] }) measure!: string;
  @ApiPropertyOptional({ type: TaskLinkView }) linked!: TaskLinkView | null;
  @ApiProperty({ description: 'the deadline in force' }) deadline!: string;
  @ApiDeadlineDate() deadlineDate!: string | null;
  @ApiProperty({ description: 'the deadline as first launched' }) originalDeadline!: string;
  @ApiDeadlineDate() originalDeadlineDate!: string | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'whole CST days to the deadline (0 on its last day)',
  })
  daysLeft!: number | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'whole days past the deadline (or how late it was accepted)',
  })
  daysOverdue!: number | null;
  @ApiProperty() overdue!: boolean;
  @ApiProperty({ description: 'highest step of the escalation ladder fired (0: none)' })
  escalationLevel!: number;
  @ApiProperty({
    type: String,
    nullable: true,
    example: '黄牌预警',
    description: "the step's label in the plan's ladder",
  })
  escalationLabel!: string | null;
  @ApiProperty({ description: 'behind its expected pace (序时进度) by more than the margin' })
  behindPace!: boolean;
  @ApiProperty({ type: UnitRef }) lead!: UnitRef;
  @ApiProperty({ type: [UnitRef] }) cooperating!: UnitRef[];
  @ApiProperty({ type: String, nullable: true }) submittedAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) acceptedAt!: string | null;
}

export class PledgeProgressView {
  @ApiProperty({ type: UnitRef }) unit!: UnitRef;
  @ApiProperty() signed!: boolean;
  @ApiProperty({ type: String, nullable: true }) signedAt!: string | null;
  @ApiProperty({ type: String, nullable: true, example: '张三' }) signedBy!: string | null;
  @ApiProperty() escalationLevel!: number;
}

export class ProgressCountsView {
  @ApiProperty({ description: 'tasks without sub-tasks (groups are not counted twice)' }) tasks!: number;
  @ApiProperty() accepted!: number;
  @ApiProperty() overdue!: number;
  @ApiProperty({ description: 'tasks with an escalation step fired' }) escalated!: number;
  @ApiProperty() behindPace!: number;
  @ApiProperty() pledgesSigned!: number;
  @ApiProperty() pledges!: number;
  @ApiProperty({ description: 'pledges not signed past the pledge deadline' }) pledgesOverdue!: number;
}

/** A lead unit's standing, as the weekly bulletin ranks it. */
export class UnitStandingView {
  @ApiProperty({ example: 1, description: 'units equal on overdue and mean percentage share a rank (并列)' })
  rank!: number;
  @ApiProperty({ description: 'the rank is shared (并列)' }) tied!: boolean;
  @ApiProperty({ type: UnitRef }) unit!: UnitRef;
  @ApiProperty({ description: 'leaf tasks it leads' }) tasks!: number;
  @ApiProperty() accepted!: number;
  @ApiProperty() overdue!: number;
  @ApiProperty({ example: 62.5 }) meanPercentage!: number;
  @ApiProperty({ description: 'highest escalation level among its tasks (0: none)' })
  highestEscalation!: number;
}

/** The battle map (挂图作战) in data. */
export class CampaignProgressView {
  @ApiProperty({ type: ProgressCampaignView }) campaign!: ProgressCampaignView;
  @ApiProperty({ type: [GoalProgressView] }) goals!: GoalProgressView[];
  @ApiProperty({ type: [TaskProgressItemView], description: 'in plan order, a group before its sub-tasks' })
  tasks!: TaskProgressItemView[];
  @ApiProperty({ type: [PledgeProgressView] }) pledges!: PledgeProgressView[];
  @ApiProperty({ type: ProgressCountsView }) counts!: ProgressCountsView;
  @ApiProperty({
    type: [UnitStandingView],
    description: 'lead units by fewest overdue, then highest mean percentage (the bulletin’s ranking)',
  })
  ranking!: UnitStandingView[];
}
