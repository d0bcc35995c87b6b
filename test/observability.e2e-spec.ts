// first: tracing starts before anything loads http (as in main.ts)
import { stopTestTracing, testSpans } from './support/test-tracing';
import { SpanKind } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { freePort } from '../libs/devstack/src/free-port';
import {
  API_METRICS,
  API_PROCESS_PREFIX,
  BUSINESS_METRICS,
  exportedSeriesNames,
  TEMPORAL_WORKER_METRICS,
} from '../libs/observability/src/metric-names';
import { createOrgFixture, OrgFixture } from './support/org-fixture';
import { startTestSystem, TestSystem } from './support/test-system';

const METRICS_TOKEN = 'observability-test-token';

/** One sample of a Prometheus exposition: `name{labels} value`, labels as written. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})? (\S+)/.exec(line);
    if (!match || match[1] !== name) continue;
    const written = Object.fromEntries(
      [...(match[3] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]),
    );
    if (Object.entries(labels).every(([k, v]) => written[k] === v)) return Number(match[4]);
  }
  return undefined;
}

async function until<T>(
  what: string,
  read: () => T | undefined,
  detail: () => string = () => '',
  timeoutMs = 20_000,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what} ${detail()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('metrics and traces an operator reads', () => {
  let system: TestSystem;
  let f: OrgFixture;
  let ledger: string;
  const ports = { api: 0, worker: 0 };
  const saved = { ...process.env };

  const registerItem = (requestId?: string) => {
    const call = system
      .http()
      .post(`/api/ledgers/${ledger}/items`)
      .set('Authorization', f.auth.command)
      .send({
        problem: '危房改造补助资金未按时拨付',
        source: '省审计报告',
        category: '资金管理',
        analysis: '审批环节多',
        measures: ['简化审批'],
        responsibleUnit: 'tA',
        responsiblePersonId: f.ids.deptA,
        verifierId: f.ids.inspector,
        basicDeadline: new Date(Date.now() + 30 * 86_400_000).toISOString(),
        fullDeadline: new Date(Date.now() + 60 * 86_400_000).toISOString(),
      });
    return (requestId ? call.set('X-Request-Id', requestId) : call).expect(201);
  };
  const scrape = async (port: number, token?: string) => {
    const response = await fetch(`http://127.0.0.1:${port}/metrics`, {
      headers: token ? { Authorization: `Bearer ${token}` } : {},
    });
    return { status: response.status, text: await response.text() };
  };

  beforeAll(async () => {
    [ports.api, ports.worker] = [await freePort(), await freePort()];
    Object.assign(process.env, {
      METRICS_PORT: String(ports.api),
      METRICS_TOKEN,
      METRICS_CACHE_SECONDS: '0',
      WORKER_METRICS_PORT: String(ports.worker),
    });
    system = await startTestSystem();
    f = await createOrgFixture(system);
    const created = await system
      .http()
      .post('/api/ledgers')
      .set('Authorization', f.auth.command)
      .send({ name: '可观测性测试台账', source: '省审计报告' })
      .expect(201);
    ledger = created.body.id as string;
  });
  afterAll(async () => {
    await system?.close();
    await stopTestTracing();
    for (const key of ['METRICS_PORT', 'METRICS_TOKEN', 'METRICS_CACHE_SECONDS', 'WORKER_METRICS_PORT'])
      if (saved[key] === undefined) delete process.env[key];
  });

  it('one command is one trace: the API request, the workflow and its activities', async () => {
    testSpans.reset();
    await registerItem('trace-test-request');
    const spans = () => testSpans.getFinishedSpans();
    const request = await until('the request span', () =>
      spans().find(
        (s) => s.kind === SpanKind.SERVER && s.attributes['http.route'] === '/api/ledgers/:id/items',
      ),
    );
    expect(request.name).toBe('POST /api/ledgers/:id/items');
    // (its parent, if any, is the test's own outgoing HTTP call)
    const inTrace = () => spans().filter((s) => s.spanContext().traceId === request.spanContext().traceId);
    const named = (name: string) => inTrace().find((s) => s.name === name);
    // The workflow's own run span ends when the item is closed: its children are here before it.
    const activity = await until(
      'the projection activity in the trace',
      () => named('RunActivity:projectRectification'),
      () => JSON.stringify(spans().map((s) => [s.name, s.spanContext().spanId, s.parentSpanId])),
    );
    const parentOf = (span: ReadableSpan) =>
      inTrace().find((s) => s.spanContext().spanId === span.parentSpanId);
    // the API: the request, and under it the update-with-start it sent to Temporal
    const update = named('UpdateWithStartWorkflow:registered')!;
    expect(parentOf(update)).toBe(request);
    // the workflow: the update handled, and the activity it scheduled
    expect(parentOf(named('HandleUpdate:registered')!)).toBe(update);
    expect(parentOf(activity)?.name).toBe('StartActivity:projectRectification');
    // the activity's writes to Postgres
    const queries = inTrace().filter((s) => s.parentSpanId === activity.spanContext().spanId);
    expect(queries.map((s) => s.name)).toContainEqual(expect.stringMatching(/^pg\.query/));
  });

  it('/metrics on its own ports: worker metrics from Temporal, request counts by route, business gauges', async () => {
    expect((await scrape(ports.api)).status).toBe(401);
    const before = await scrape(ports.api, METRICS_TOKEN);
    expect(before.status).toBe(200);
    const open = (text: string) => sample(text, BUSINESS_METRICS.itemsOpen, { status: 'rectifying' }) ?? 0;
    await registerItem();
    const after = await scrape(ports.api, METRICS_TOKEN);
    expect(open(after.text)).toBe(open(before.text) + 1);
    expect(
      sample(after.text, `${API_METRICS.httpRequestDuration}_count`, {
        method: 'POST',
        route: '/api/ledgers/:id/items',
        status: '201',
      }),
    ).toBeGreaterThanOrEqual(1);

    // a workflow that runs to its end (the diagnostic round trip) is counted as completed
    await system
      .http()
      .post('/api/diagnostics/round-trips')
      .set('Authorization', system.adminAuth)
      .expect(202);
    let worker = await scrape(ports.worker);
    for (let i = 0; i < 100 && !worker.text.includes(TEMPORAL_WORKER_METRICS.workflowCompleted); i++) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      worker = await scrape(ports.worker);
    }
    expect(worker.status).toBe(200);
    const served = (text: string) =>
      new Set([...text.matchAll(/^([a-zA-Z_:][a-zA-Z0-9_:]*)[{ ]/gm)].map((m) => m[1]));
    // the worker's names the dashboard and the alerts use, but for counters of failures none happened
    const t = TEMPORAL_WORKER_METRICS;
    const failures: string[] = [
      t.workflowTaskFailed,
      t.activityFailed,
      t.workflowCompleted,
      t.workflowFailed,
    ];
    const expected = Object.values(TEMPORAL_WORKER_METRICS).filter((name) => !failures.includes(name));
    const workerNames = served(worker.text);
    for (const name of expected)
      expect({ name, served: workerNames.has(name) || workerNames.has(`${name}_count`) }).toEqual({
        name,
        served: true,
      });
    // the projection that ran is counted under its activity type
    expect(
      sample(worker.text, `${t.activityExecutionLatency}_count`, { activity_type: 'projectRectification' }),
    ).toBeGreaterThanOrEqual(2);
    const known = exportedSeriesNames();
    // everything the API serves is a name of metric-names.ts, or one of its process's defaults
    const own = [...served(after.text)].filter((name) => !name.startsWith(API_PROCESS_PREFIX));
    expect(own.filter((name) => !known.has(name))).toEqual([]);
    expect(sample(after.text, API_METRICS.residentMemory)).toBeGreaterThan(0);
    expect(served(after.text).has(API_METRICS.eventLoopLagP99)).toBe(true);
  });
});
