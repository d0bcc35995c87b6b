import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class FieldProblem {
  @ApiProperty({ example: 'deadline' }) field!: string;
  @ApiProperty({ example: ['须为日期（YYYY-MM-DD）或 ISO 8601 时刻'] }) problems!: string[];
}

/** The one shape of every 4xx and 5xx response. */
export class ErrorBody {
  @ApiProperty({ example: 400 }) statusCode!: number;
  @ApiProperty({ example: 'BAD_REQUEST', description: 'stable machine-readable code' }) code!: string;
  @ApiProperty({ example: '请求参数有误' }) message!: string;
  @ApiPropertyOptional({ type: [FieldProblem] }) details?: FieldProblem[] | Record<string, unknown>;
  @ApiProperty() requestId!: string;
  @ApiProperty({ example: '/api/diagnostics/round-trips' }) path!: string;
  @ApiProperty() timestamp!: string;
}
