import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { ApiDeadlineDate } from '../common/deadline-date';

export const UNIT_TASK_KINDS = ['campaign-task', 'rectification', 'housing'] as const;
export type UnitTaskKind = (typeof UNIT_TASK_KINDS)[number];
export const UNIT_TASK_KIND_LABELS: Record<UnitTaskKind, string> = {
  'campaign-task': '攻坚任务',
  rectification: '整改问题',
  housing: '危房改造',
};

export const UNIT_TASK_ROLES = ['lead', 'cooperating', 'responsible', 'local', 'bureau'] as const;
export type UnitTaskRole = (typeof UNIT_TASK_ROLES)[number];
export const UNIT_TASK_ROLE_LABELS: Record<UnitTaskRole, string> = {
  lead: '牵头单位',
  cooperating: '配合单位',
  responsible: '责任单位',
  local: '属地乡镇（村）',
  bureau: '住建部门',
};

export class UnitTasksQuery {
  @ApiPropertyOptional({ enum: ['json', 'xlsx'], default: 'json' })
  @IsOptional()
  @IsIn(['json', 'xlsx'])
  format?: 'json' | 'xlsx';
}

export class UnitTaskView {
  @ApiProperty({ enum: UNIT_TASK_KINDS }) kind!: UnitTaskKind;
  @ApiProperty({ example: '攻坚任务' }) kindLabel!: string;
  @ApiProperty({ description: 'the campaign, ledger or programme' }) sourceId!: string;
  @ApiProperty({ example: '精准脱贫“百日攻坚行动”' }) sourceName!: string;
  @ApiProperty({
    example: 'T5.1',
    description: 'task key, item number, or household stage',
  })
  reference!: string;
  @ApiProperty({ example: '确保贫困人口全部参合' }) title!: string;
  @ApiProperty({ enum: UNIT_TASK_ROLES }) role!: UnitTaskRole;
  @ApiProperty({ example: '牵头单位' }) roleLabel!: string;
  @ApiProperty({ example: 'in-progress' }) status!: string;
  @ApiProperty({ example: '推进中' }) statusLabel!: string;
  @ApiPropertyOptional({ description: 'households waiting (housing)' }) households!: number | null;
  @ApiPropertyOptional({
    description:
      'the next deadline to meet: the task’s; the item’s basic deadline while rectifying, then its full one (paused time added); the stage deadline of the programme',
  })
  deadline!: string | null;
  @ApiDeadlineDate() deadlineDate!: string | null;
  @ApiProperty() overdue!: boolean;
  @ApiProperty({
    description: 'highest escalation step fired (0: none); for households the highest among them',
  })
  escalationLevel!: number;
  @ApiPropertyOptional({ example: '黄牌预警' }) escalationLabel!: string | null;
  @ApiProperty({ example: '/api/campaigns/…/tasks/T5.1', description: 'where the item is read' })
  link!: string;
}

export class UnitTasksUnitView {
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;
  @ApiProperty() kind!: string;
}

export class UnitTasksCountsView {
  @ApiProperty() campaignTasks!: number;
  @ApiProperty() rectificationItems!: number;
  @ApiProperty({ description: 'households waiting, over all housing rows' }) households!: number;
  @ApiProperty() overdue!: number;
}

/** One unit's to-do list across campaigns, ledgers and programmes, sorted by deadline. */
export class UnitTasksView {
  @ApiProperty({ type: UnitTasksUnitView }) unit!: UnitTasksUnitView;
  @ApiProperty() asOf!: string;
  @ApiProperty({ type: UnitTasksCountsView }) counts!: UnitTasksCountsView;
  @ApiProperty({ type: [UnitTaskView] }) items!: UnitTaskView[];
}
