import pino, { Logger } from 'pino';
import { traceIds } from '../../observability/src/trace-ids';
import { Environment } from './environment';

/** Options shared by every process: JSON lines on stdout, pretty only when asked for. */
export function pinoOptions(env: Pick<Environment, 'LOG_LEVEL'>, name: string): pino.LoggerOptions {
  return {
    name,
    level: env.LOG_LEVEL,
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    // The trace of the request or Temporal task the line belongs to (tracing on: OTEL_EXPORTER_OTLP_ENDPOINT).
    mixin: traceIds,
    // `err` is pino's own; `error` is what Temporal's loggers and most callers pass
    serializers: { err: pino.stdSerializers.err, error: pino.stdSerializers.err },
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie', '*.password'], remove: true },
  };
}

export function createLogger(env: Pick<Environment, 'LOG_LEVEL'>, name: string): Logger {
  return pino(pinoOptions(env, name));
}
