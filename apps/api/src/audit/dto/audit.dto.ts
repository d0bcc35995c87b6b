import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageQuery } from '../../common/page-query.dto';
import { Matches } from 'class-validator';

export class AuditQuery extends PageQuery {
  @ApiProperty({ description: 'the object, `<type>:<id>`', example: 'unit:county' })
  @Matches(/^[a-z][a-z0-9-]*:.+$/, { message: '须形如 <type>:<id>，例如 unit:county' })
  subject!: string;
}

export class AuditEntryView {
  @ApiProperty() seq!: number;
  @ApiProperty() occurredAt!: string;
  @ApiProperty({ example: 'user:…' }) actorId!: string;
  @ApiProperty({ example: '张三（zhangsan）' }) actorName!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) actorUnit!: string | null;
  @ApiProperty({ type: [String] }) actorRoles!: string[];
  @ApiProperty({ example: 'unit.created' }) action!: string;
  @ApiProperty({ example: 'unit:county' }) subject!: string;
  @ApiPropertyOptional({ nullable: true, type: Object }) before!: Record<string, unknown> | null;
  @ApiPropertyOptional({ nullable: true, type: Object }) after!: Record<string, unknown> | null;
  @ApiPropertyOptional({ nullable: true, type: String }) reason!: string | null;
  @ApiProperty() hash!: string;
}

export class AuditPage {
  @ApiProperty() total!: number;
  @ApiProperty({ type: [AuditEntryView] }) items!: AuditEntryView[];
}

export class ChainVerdictView {
  @ApiProperty() intact!: boolean;
  @ApiProperty({ description: 'entries verified before the first broken one (all, when intact)' })
  entries!: number;
  @ApiPropertyOptional({ description: 'seq of the first broken entry' }) brokenAt?: number;
  @ApiPropertyOptional() problem?: string;
  @ApiPropertyOptional() lastHash?: string;
}
