import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, ValidateIf } from 'class-validator';
import {
  UNIT_CODE_PATTERN,
  UNIT_KINDS,
  type UnitKind,
} from '../../../../../libs/domain/src/organisation/unit-tree';
import { UNIT_CODE_PROBLEM } from '../../common/validation-messages';
import { IsOmittableNotNull } from '../../common/validators';

export class CreateUnitBody {
  @ApiProperty({ example: 'xx-zjj', description: 'stable code, never reused' })
  @Matches(UNIT_CODE_PATTERN, { message: UNIT_CODE_PROBLEM })
  code!: string;

  @ApiProperty({ example: '住建局' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name!: string;

  @ApiProperty({ enum: UNIT_KINDS, example: 'bureau' })
  @IsIn(UNIT_KINDS)
  kind!: UnitKind;

  @ApiPropertyOptional({ example: 'xx-county', description: 'parent unit; absent for a root' })
  @IsOptional()
  @Matches(UNIT_CODE_PATTERN, { message: UNIT_CODE_PROBLEM })
  parentCode?: string;
}

export class UpdateUnitBody {
  @ApiPropertyOptional({ example: '住房和城乡建设局' })
  @IsOmittableNotNull()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name?: string;

  @ApiPropertyOptional({ enum: UNIT_KINDS })
  @IsOmittableNotNull()
  @IsIn(UNIT_KINDS)
  kind?: UnitKind;

  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: 'move under another unit; null makes it a root',
  })
  @ValidateIf((_, value) => value !== null && value !== undefined)
  @Matches(UNIT_CODE_PATTERN, { message: UNIT_CODE_PROBLEM })
  parentCode?: string | null;

  @ApiProperty({ example: '机构改革更名', description: 'why, for the audit trail' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason!: string;
}

export class UnitCodeParam {
  @ApiProperty()
  @Matches(UNIT_CODE_PATTERN, { message: UNIT_CODE_PROBLEM })
  code!: string;
}

export class UnitsQuery {
  @ApiPropertyOptional({ description: 'only units directly under this one' })
  @IsOptional()
  @Matches(UNIT_CODE_PATTERN, { message: UNIT_CODE_PROBLEM })
  parent?: string;

  @ApiPropertyOptional({ description: 'only this unit and every unit below it' })
  @IsOptional()
  @Matches(UNIT_CODE_PATTERN, { message: UNIT_CODE_PROBLEM })
  within?: string;

  @ApiPropertyOptional({ enum: UNIT_KINDS })
  @IsOptional()
  @IsIn(UNIT_KINDS)
  kind?: UnitKind;
}

export class UnitView {
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: UNIT_KINDS }) kind!: UnitKind;
  @ApiProperty({ example: '部门' }) kindLabel!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) parentCode!: string | null;
  @ApiProperty({ example: '/xx-county/xx-zjj/' }) path!: string;
}

export class UnitImportResult {
  @ApiProperty() created!: number;
  @ApiProperty({ type: [String] }) codes!: string[];
}
