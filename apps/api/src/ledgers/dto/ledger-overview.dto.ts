import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ApiDeadlineDate } from '../../common/deadline-date';

export class LedgerCountView {
  @ApiProperty({ example: 'rectifying', description: 'status, unit code or level (as text)' }) key!: string;
  @ApiProperty({ example: '整改中' }) label!: string;
  @ApiProperty() total!: number;
  @ApiProperty({ description: 'of them open and past their working full deadline' }) overdue!: number;
}

export class LedgerOverdueItemView {
  @ApiProperty() id!: string;
  @ApiProperty() number!: number;
  @ApiProperty() problem!: string;
  @ApiProperty() status!: string;
  @ApiProperty({ example: '整改中' }) statusLabel!: string;
  @ApiProperty({ description: 'the working full deadline (全面整改到位)' }) fullDeadline!: string;
  @ApiDeadlineDate() fullDeadlineDate!: string | null;
  @ApiProperty({ description: 'days past the working full deadline (paused time excluded), at least 1' })
  daysOverdue!: number;
  @ApiProperty() responsibleUnit!: string;
  @ApiProperty() responsibleUnitName!: string;
  @ApiProperty() responsiblePersonId!: string;
  @ApiProperty() responsiblePersonName!: string;
  @ApiProperty() escalationLevel!: number;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: '红牌预警',
    description: 'the ladder’s label of the level (none at 0)',
  })
  escalationLabel!: string | null;
}

export class LedgerOverviewView {
  @ApiProperty() ledgerId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ description: 'the items the caller may see (a department: its own unit’s)' }) total!: number;
  @ApiProperty() closed!: number;
  @ApiProperty() overdue!: number;
  @ApiProperty({ type: [LedgerCountView] }) byStatus!: LedgerCountView[];
  @ApiProperty({ type: [LedgerCountView] }) byUnit!: LedgerCountView[];
  @ApiProperty({ type: [LedgerCountView], description: 'open items by escalation level, 0 none' })
  byLevel!: LedgerCountView[];
  @ApiProperty({
    type: [LedgerOverdueItemView],
    description: 'overdue items, most overdue first (at most 200; `overdue` has the count)',
  })
  overdueItems!: LedgerOverdueItemView[];
}
