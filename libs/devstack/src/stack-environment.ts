import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { toInt } from '../../config/src/observability-settings';

/** Settings of the local launcher (`npm start`) on top of the API and worker settings. */
export class StackEnvironment {
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(65535)
  PG_PORT: number = 5433;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(65535)
  TEMPORAL_PORT: number = 7233;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(65535)
  TEMPORAL_UI_PORT: number = 8233;

  @IsOptional()
  @IsString()
  DATA_DIR?: string = undefined;
}
