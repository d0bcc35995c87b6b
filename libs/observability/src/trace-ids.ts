import { isSpanContextValid, trace } from '@opentelemetry/api';

/**
 * The active span's ids for a log line (the pino mixin of every process): `trace_id` and
 * `span_id`, or nothing when no span is active (tracing off, or outside any request or task).
 */
export function traceIds(): { trace_id?: string; span_id?: string } {
  const span = trace.getActiveSpan();
  if (!span) return {};
  const context = span.spanContext();
  return isSpanContextValid(context) ? { trace_id: context.traceId, span_id: context.spanId } : {};
}
