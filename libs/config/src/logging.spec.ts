import { context, propagation, trace } from '@opentelemetry/api';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { Writable } from 'node:stream';
import pino from 'pino';
import { pinoOptions } from './logging';

describe('log lines carry the trace they belong to', () => {
  const lines: Record<string, unknown>[] = [];
  const logger = pino(
    pinoOptions({ LOG_LEVEL: 'info' }, 'test'),
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
        done();
      },
    }),
  );
  // as tracing registers itself in a process (libs/observability/src/tracing.ts)
  const provider = new NodeTracerProvider();
  beforeAll(() => provider.register());
  afterAll(async () => {
    await provider.shutdown();
    [trace, context, propagation].forEach((api) => api.disable());
  });

  it('a line written inside a span has its trace_id and span_id; one outside has neither', async () => {
    const tracer = trace.getTracer('test');
    const ids = await tracer.startActiveSpan('request', async (span) => {
      await Promise.resolve();
      logger.info('inside');
      span.end();
      return span.spanContext();
    });
    logger.info('outside');
    expect(lines[0]).toMatchObject({ msg: 'inside', trace_id: ids.traceId, span_id: ids.spanId });
    expect(lines[1].msg).toBe('outside');
    expect(lines[1]).not.toHaveProperty('trace_id');
    expect(trace.getActiveSpan()).toBeUndefined();
  });
});
