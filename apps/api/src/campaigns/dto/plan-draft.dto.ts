import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** `year`: the year of dates the document writes without one ("6月底前"), when it says none. */
export class PlanDraftQuery {
  @ApiPropertyOptional({ minimum: 2000, maximum: 2100, example: 2018 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: '年份须为整数' })
  @Min(2000, { message: '年份须在 2000 至 2100 之间' })
  @Max(2100, { message: '年份须在 2000 至 2100 之间' })
  year?: number;
}

export class SourceSpanView {
  @ApiProperty({ description: 'index into paragraphs' }) paragraph!: number;
  @ApiProperty({ description: 'character offset, inclusive' }) start!: number;
  @ApiProperty({ description: 'character offset, exclusive' }) end!: number;
  @ApiProperty({ example: '此项工作要在6月底前完成。' }) text!: string;
}

export class DraftFieldView {
  @ApiProperty({ example: 'tasks[3].deadline' }) path!: string;
  @ApiProperty({ enum: ['exact', 'inferred', 'missing'] }) confidence!: 'exact' | 'inferred' | 'missing';
  @ApiProperty({ description: 'the value put in the draft; null when missing', nullable: true })
  value!: unknown;
  @ApiPropertyOptional({ type: SourceSpanView, nullable: true }) source!: SourceSpanView | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: '“月底”取该月最后一天' }) note!:
    string | null;
}

export class UnknownUnitView {
  @ApiProperty({ example: '县环保局' }) name!: string;
  @ApiProperty({ example: 'tasks[3].lead', description: 'where the mapped unit code goes' }) path!: string;
  @ApiProperty({ type: SourceSpanView }) source!: SourceSpanView;
}

export class PlanProblemView {
  @ApiProperty({ example: 'tasks[3].deadline' }) path!: string;
  @ApiProperty() problem!: string;
}

export class DraftCountsView {
  @ApiProperty() exact!: number;
  @ApiProperty() inferred!: number;
  @ApiProperty() missing!: number;
}

export class PlanDraftView {
  @ApiProperty({
    description: 'the draft plan document (the shape POST /api/campaigns takes, missing fields left out)',
    type: 'object',
    additionalProperties: true,
  })
  document!: Record<string, unknown>;
  @ApiProperty({ type: [String], description: 'the document text as read, one entry per paragraph' })
  paragraphs!: string[];
  @ApiProperty({ type: [DraftFieldView] }) fields!: DraftFieldView[];
  @ApiProperty({ type: [UnknownUnitView] }) unknownUnits!: UnknownUnitView[];
  @ApiProperty({
    type: [PlanProblemView],
    description: 'what plan validation says of the draft as it stands',
  })
  problems!: PlanProblemView[];
  @ApiProperty({ type: DraftCountsView }) counts!: DraftCountsView;
  @ApiPropertyOptional({ type: Number, nullable: true }) year!: number | null;
  @ApiProperty({ example: '实施方案.docx' }) fileName!: string;
}
