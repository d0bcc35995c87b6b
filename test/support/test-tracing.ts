/**
 * Tracing for a spec, started as main.ts starts it, with the spans kept in memory for the spec to
 * read. Jest loads modules through its own loader, which the instrumentations' require hook never
 * sees, so `http`, `pg` and `pg-pool` are patched here by hand, as the hook patches them in a real
 * process (and unpatched by `stopTestTracing`).
 */
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { startTracing, type Tracing } from '../../libs/observability/src/tracing';

export const testSpans = new InMemorySpanExporter();
export const testTracing: Tracing = startTracing('test', { exporter: testSpans })!;

/* eslint-disable @typescript-eslint/no-require-imports -- the very modules Jest hands the code under test */
const loaded: Record<string, unknown> = {
  http: require('node:http'),
  pg: require('pg'),
  'pg-pool': require('pg-pool'),
};
/* eslint-enable @typescript-eslint/no-require-imports */
const definitions = testTracing.instrumentations.flatMap((instrumentation) =>
  instrumentation.getModuleDefinitions().filter((definition) => definition.name in loaded),
);
for (const definition of definitions) definition.patch?.(loaded[definition.name]);

export async function stopTestTracing(): Promise<void> {
  for (const definition of definitions) definition.unpatch?.(loaded[definition.name]);
  await testTracing.shutdown();
}
