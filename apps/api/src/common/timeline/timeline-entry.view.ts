import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** One entry of a process's timeline (a household, a rectification item, a campaign task) as its detail view lists it. */
export class TimelineEntryView {
  @ApiProperty() version!: number;
  @ApiProperty() at!: string;
  @ApiProperty() type!: string;
  @ApiProperty() actorName!: string;
  @ApiProperty({ example: '验收未通过，退回整改' }) summary!: string;
  @ApiPropertyOptional({ nullable: true }) reason!: string | null;
  @ApiProperty({ type: Object }) data!: Record<string, unknown>;
}

/** What every process's timeline row holds (household_event, rectification_event, campaign_task_event). */
export interface TimelineRow {
  version: number;
  at: Date;
  type: string;
  actorName: string;
  summary: string;
  reason: string | null;
  data: Record<string, unknown>;
}

export function timelineEntryView(row: TimelineRow): TimelineEntryView {
  return {
    version: row.version,
    at: row.at.toISOString(),
    type: row.type,
    actorName: row.actorName,
    summary: row.summary,
    reason: row.reason,
    data: row.data,
  };
}
