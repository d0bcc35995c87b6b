import type { LogLevel, LogMetadata, Logger as TemporalLogger } from '@temporalio/common';
import type { Logger as PinoLogger } from 'pino';

const LEVELS: Record<LogLevel, 'trace' | 'debug' | 'info' | 'warn' | 'error'> = {
  TRACE: 'trace',
  DEBUG: 'debug',
  INFO: 'info',
  WARN: 'warn',
  ERROR: 'error',
};

/** An error as a log line can carry it: its own fields are not enumerable, so JSON shows `{}`. */
export interface SerialisedError {
  type: string;
  message: string;
  stack?: string;
  /** Temporal failures: the application failure's type, and whether it is retried. */
  failureType?: string;
  nonRetryable?: boolean;
  cause?: unknown;
}

export function serialiseError(error: Error, depth = 0): SerialisedError {
  const extra = error as Error & { type?: unknown; nonRetryable?: unknown; cause?: unknown };
  return {
    type: error.name,
    message: error.message,
    ...(error.stack ? { stack: error.stack } : {}),
    ...(typeof extra.type === 'string' ? { failureType: extra.type } : {}),
    ...(typeof extra.nonRetryable === 'boolean' ? { nonRetryable: extra.nonRetryable } : {}),
    ...(extra.cause !== undefined
      ? {
          cause:
            extra.cause instanceof Error && depth < 5 ? serialiseError(extra.cause, depth + 1) : extra.cause,
        }
      : {}),
  };
}

/** The metadata of a log line with every error in it (at the top level or one below) serialised. */
export function serialiseErrors(meta: LogMetadata): LogMetadata {
  const one = (value: unknown): unknown =>
    value instanceof Error
      ? serialiseError(value)
      : Array.isArray(value)
        ? (value as unknown[]).map((v) => (v instanceof Error ? serialiseError(v) : v))
        : value;
  return Object.fromEntries(Object.entries(meta).map(([key, value]: [string, unknown]) => [key, one(value)]));
}

/**
 * Routes the Temporal runtime's logs (worker, workflow and activity loggers) into pino. The SDK
 * attaches workflowId, runId and workflowType to every workflow and activity line.
 */
export class PinoTemporalLogger implements TemporalLogger {
  constructor(private readonly pino: PinoLogger) {}

  log(level: LogLevel, message: string, meta?: LogMetadata): void {
    this.pino[LEVELS[level]](serialiseErrors(meta ?? {}), message);
  }
  trace(message: string, meta?: LogMetadata): void {
    this.log('TRACE', message, meta);
  }
  debug(message: string, meta?: LogMetadata): void {
    this.log('DEBUG', message, meta);
  }
  info(message: string, meta?: LogMetadata): void {
    this.log('INFO', message, meta);
  }
  warn(message: string, meta?: LogMetadata): void {
    this.log('WARN', message, meta);
  }
  error(message: string, meta?: LogMetadata): void {
    this.log('ERROR', message, meta);
  }
}
