import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, IsUrl, Max, Min, MinLength } from 'class-validator';

/** Digits only become a number; anything else stays text, and `@IsInt` names it. (All settings use it.) */
export const toInt = ({ value }: { value: unknown }) =>
  value === undefined || value === ''
    ? undefined
    : typeof value === 'string' && /^\d+$/.test(value)
      ? Number(value)
      : value;

/**
 * Where the processes publish metrics and traces (README "Operating"). Everything is off unless
 * set: no port is opened and no span is recorded. `Environment` extends this class.
 */
export class ObservabilitySettings {
  /**
   * The API's Prometheus endpoint (`GET /metrics`: request rate and latency by route, business
   * gauges) on a port of its own, never the public one. Unset: not served.
   */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(65535)
  METRICS_PORT?: number = undefined;

  /** When set, the metrics port answers only `Authorization: Bearer <METRICS_TOKEN>` (401 otherwise). */
  @IsOptional()
  @IsString()
  @MinLength(16, { message: 'must be at least 16 characters' })
  METRICS_TOKEN?: string = undefined;

  /** How long the business gauges (computed from the read model on scrape) are reused. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(3600)
  METRICS_CACHE_SECONDS: number = 15;

  /**
   * The worker's Prometheus endpoint, served by the Temporal runtime itself (`temporal_*` worker
   * metrics: task slots, schedule-to-start latency, failures by workflow and activity type).
   * Unset: not served.
   */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(65535)
  WORKER_METRICS_PORT?: number = undefined;

  /** OTLP/HTTP collector (e.g. `http://otel-collector:4318`): traces are recorded and sent there. Unset: no tracing. */
  @IsOptional()
  @IsUrl(
    { require_tld: false, require_protocol: true, protocols: ['http', 'https'] },
    { message: 'must be an http(s) URL' },
  )
  OTEL_EXPORTER_OTLP_ENDPOINT?: string = undefined;
}
