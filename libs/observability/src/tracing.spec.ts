import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { trace } from '@opentelemetry/api';
import { startTracing } from './tracing';

interface OtlpJson {
  resourceSpans: {
    resource: { attributes: { key: string; value: { stringValue?: string } }[] };
    scopeSpans: { spans: { name: string; traceId: string }[] }[];
  }[];
}

describe('tracing over OTLP/HTTP', () => {
  let receiver: Server;
  const received: { path: string; contentType: string; body: OtlpJson }[] = [];
  const saved = process.env.OTEL_EXPORTER_OTLP_ENDPOINT;

  beforeAll(async () => {
    // a collector as small as can be: it keeps what is POSTed to it
    receiver = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        received.push({
          path: request.url ?? '',
          contentType: request.headers['content-type'] ?? '',
          body: JSON.parse(body) as OtlpJson,
        });
        response.writeHead(200, { 'Content-Type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    if (saved === undefined) delete process.env.OTEL_EXPORTER_OTLP_ENDPOINT;
    else process.env.OTEL_EXPORTER_OTLP_ENDPOINT = saved;
    await new Promise((resolve) => receiver.close(resolve));
  });

  it('is off without OTEL_EXPORTER_OTLP_ENDPOINT: nothing registered, spans are no-ops', () => {
    expect(startTracing('unit', { environment: {} })).toBeUndefined();
    expect(trace.getTracer('x').startSpan('nothing').isRecording()).toBe(false);
  });

  it('with it, sends the spans as OTLP JSON to <endpoint>/v1/traces, named by service', async () => {
    process.env.OTEL_EXPORTER_OTLP_ENDPOINT = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
    const tracing = startTracing('unit')!;
    expect(tracing).toBeDefined();
    const span = trace.getTracer('test').startSpan('a command');
    const { traceId } = span.spanContext();
    span.end();
    await tracing.shutdown(); // flushes the batch
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ path: '/v1/traces', contentType: 'application/json' });
    const [resource] = received[0].body.resourceSpans;
    expect(resource.resource.attributes).toContainEqual({
      key: 'service.name',
      value: { stringValue: 'campaign-engine-unit' },
    });
    expect(resource.scopeSpans.flatMap((s) => s.spans)).toEqual([
      expect.objectContaining({ name: 'a command', traceId }),
    ]);
  });
});
