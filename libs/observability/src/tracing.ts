import type { IncomingMessage } from 'node:http';
import { context, propagation, trace } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { Resource } from '@opentelemetry/resources';
import {
  BatchSpanProcessor,
  SimpleSpanProcessor,
  type SpanExporter,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { ATTR_HTTP_ROUTE, ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import { routeOf } from './http-route';

/** The tracing of this process, once started: workers hand its processor to the workflow span sink. */
export interface Tracing {
  provider: NodeTracerProvider;
  resource: Resource;
  spanProcessor: SpanProcessor;
  /** What patches `http` and `pg` when they are required. */
  instrumentations: Array<HttpInstrumentation | PgInstrumentation>;
  shutdown(): Promise<void>;
}

let active: Tracing | undefined;

/**
 * Starts OpenTelemetry tracing for this process when OTEL_EXPORTER_OTLP_ENDPOINT is set (or a
 * test hands its own exporter): incoming and outgoing HTTP and pg instrumented, spans sent over
 * OTLP/HTTP in batches. Must run before `http` and `pg` are first required (the first import of
 * main.ts). Unset: nothing is registered, and every tracer stays the API's no-op.
 */
export function startTracing(
  process: string,
  options: { exporter?: SpanExporter; environment?: NodeJS.ProcessEnv } = {},
): Tracing | undefined {
  if (active) return active;
  const env = options.environment ?? globalThis.process.env;
  if (!options.exporter && !env.OTEL_EXPORTER_OTLP_ENDPOINT) return undefined;
  // The exporter reads OTEL_EXPORTER_OTLP_ENDPOINT (and _HEADERS, _TIMEOUT) itself, adding /v1/traces.
  const exporter = options.exporter ?? new OTLPTraceExporter();
  const resource = new Resource({
    [ATTR_SERVICE_NAME]: env.OTEL_SERVICE_NAME ?? `campaign-engine-${process}`,
  });
  // A test's exporter gets each span at once; over the network they go in batches.
  const spanProcessor = options.exporter
    ? new SimpleSpanProcessor(exporter)
    : new BatchSpanProcessor(exporter);
  const provider = new NodeTracerProvider({ resource, spanProcessors: [spanProcessor] });
  provider.register();
  const instrumentations = [
    new HttpInstrumentation({
      ignoreIncomingRequestHook: (request) => request.url === '/api/health',
      // The request span named by its route pattern (`POST /api/ledgers/:id/items`), which the
      // API's server records for each request it routes (`rememberRoute`).
      applyCustomAttributesOnSpan: (span, request) => {
        const route = routeOf(request as IncomingMessage); // a server span's request
        if (!route) return;
        span.setAttribute(ATTR_HTTP_ROUTE, route);
        span.updateName(`${request.method ?? 'GET'} ${route}`);
      },
    }),
    new PgInstrumentation(),
  ];
  const unregister = registerInstrumentations({ tracerProvider: provider, instrumentations });
  active = {
    provider,
    resource,
    spanProcessor,
    instrumentations,
    async shutdown() {
      unregister();
      await provider.shutdown();
      [trace, context, propagation].forEach((api) => api.disable());
      active = undefined;
    },
  };
  return active;
}

/** This process's tracing, or undefined when it is off. */
export function activeTracing(): Tracing | undefined {
  return active;
}
