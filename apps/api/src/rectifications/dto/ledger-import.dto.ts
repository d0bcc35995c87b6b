import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';
import { queryBoolean } from '../../common/query-boolean';

/** Options of a ledger workbook import. */
export class LedgerImportQuery {
  @ApiPropertyOptional({
    description:
      'true: the file is an existing ledger brought in as it stands (已有台账): deadlines that have passed are accepted, and each item starts overdue at the escalation level it has reached (the highest passed step fires once)',
  })
  @IsOptional()
  @Transform(queryBoolean)
  @IsBoolean({ message: '须为 true 或 false' })
  existing?: boolean;
}
