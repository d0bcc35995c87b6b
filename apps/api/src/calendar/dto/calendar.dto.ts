import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

export class YearParam {
  @ApiProperty({ example: 2026 })
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year!: number;
}

export class HolidayEntry {
  @ApiProperty({ example: '2026-10-01', description: 'a CST date (YYYY-MM-DD) of that year' })
  @IsString()
  date!: string;

  @ApiProperty({ example: '国庆节' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  name!: string;
}

export class WorkdayEntry {
  @ApiProperty({ example: '2026-10-10', description: 'a weekend date worked instead (调休上班)' })
  @IsString()
  date!: string;

  @ApiPropertyOptional({ example: '国庆节调休', default: '调休上班' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  name?: string;
}

/** A year's calendar, replacing whatever was listed for it; the year becomes known. */
export class ReplaceYearBody {
  @ApiProperty({ type: [HolidayEntry], description: 'public holidays (休), one entry per day' })
  @IsArray()
  @ArrayMaxSize(366)
  @ValidateNested({ each: true })
  @Type(() => HolidayEntry)
  holidays!: HolidayEntry[];

  @ApiProperty({ type: [WorkdayEntry], description: 'make-up working days (调休上班)' })
  @IsArray()
  @ArrayMaxSize(366)
  @ValidateNested({ each: true })
  @Type(() => WorkdayEntry)
  workdays!: WorkdayEntry[];
}

export class CalendarDayView {
  @ApiProperty({ example: '2026-10-01' }) date!: string;
  @ApiProperty({ example: '国庆节' }) name!: string;
}

export class CalendarYearView {
  @ApiProperty({ example: 2026 }) year!: number;
  @ApiProperty({ description: 'whether the year’s holidays are known (working days may be counted in it)' })
  known!: boolean;
  @ApiProperty({ type: [CalendarDayView] }) holidays!: CalendarDayView[];
  @ApiProperty({ type: [CalendarDayView] }) workdays!: CalendarDayView[];
  @ApiPropertyOptional({ description: 'who last set the year (seed for the shipped years)' })
  updatedBy!: string | null;
  @ApiPropertyOptional() updatedAt!: string | null;
}
