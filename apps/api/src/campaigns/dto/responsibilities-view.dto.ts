import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { ApiDeadlineDate } from '../../common/deadline-date';

export const PLEDGE_STATUSES = ['signed', 'pending', 'overdue', 'not-launched'] as const;
export type PledgeStatus = (typeof PLEDGE_STATUSES)[number];

export const PLEDGE_STATUS_LABELS: Record<PledgeStatus, string> = {
  signed: '已签订',
  pending: '待签订',
  overdue: '逾期未签订',
  'not-launched': '未启动',
};

/** `?format=xlsx` downloads the list as a workbook (so does `Accept: application/vnd.openxmlformats-…sheet`). */
export class ResponsibilitiesQuery {
  @ApiPropertyOptional({ enum: ['json', 'xlsx'], default: 'json' })
  @IsOptional()
  @IsIn(['json', 'xlsx'])
  format?: 'json' | 'xlsx';
}

export class UnitResponsibilityView {
  @ApiProperty({ example: 'wjj' }) code!: string;
  @ApiProperty({ example: '县卫计局' }) name!: string;
  @ApiProperty({ enum: PLEDGE_STATUSES, description: 'its responsibility pledge (责任状) for this campaign' })
  pledge!: PledgeStatus;
  @ApiProperty({ example: '已签订' }) pledgeLabel!: string;
  @ApiPropertyOptional() pledgeSignedAt!: string | null;
}

export class ResponsibilityRowView {
  @ApiProperty({ example: 'T5.1' }) key!: string;
  @ApiPropertyOptional({ example: 'T5' }) parentKey!: string | null;
  @ApiProperty({ example: '确保贫困人口全部参合' }) name!: string;
  @ApiProperty() isGroup!: boolean;
  @ApiProperty({ type: UnitResponsibilityView, description: 'lead unit (牵头单位)' })
  lead!: UnitResponsibilityView;
  @ApiProperty({ type: [UnitResponsibilityView], description: 'cooperating units (配合单位)' })
  cooperating!: UnitResponsibilityView[];
  @ApiProperty({ enum: ['in-progress', 'submitted', 'accepted'] }) status!: string;
  @ApiProperty({ example: '推进中' }) statusLabel!: string;
  @ApiProperty({ example: 45.1 }) percentage!: number;
  @ApiProperty() deadline!: string;
  @ApiDeadlineDate() deadlineDate!: string | null;
  @ApiPropertyOptional() daysLeft!: number | null;
  @ApiPropertyOptional() daysOverdue!: number | null;
  @ApiProperty() overdue!: boolean;
  @ApiProperty() escalationLevel!: number;
  @ApiPropertyOptional({ example: '黄牌预警' }) escalationLabel!: string | null;
}

export class ResponsibilitiesCampaignView {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() status!: string;
  @ApiProperty() statusLabel!: string;
  @ApiPropertyOptional({ description: 'units sign their pledge by then' }) pledgeDeadline!: string | null;
  @ApiDeadlineDate() pledgeDeadlineDate!: string | null;
}

/** 责任清单: task → lead and cooperating units → status. */
export class ResponsibilitiesView {
  @ApiProperty({ type: ResponsibilitiesCampaignView }) campaign!: ResponsibilitiesCampaignView;
  @ApiProperty() asOf!: string;
  @ApiProperty({
    type: [ResponsibilityRowView],
    description: 'in plan order; a department gets the rows its unit leads or cooperates on',
  })
  rows!: ResponsibilityRowView[];
}
