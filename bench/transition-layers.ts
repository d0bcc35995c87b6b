/**
 * Where a housing stage transition's time goes, from a traced sample: a system of its own runs with
 * OpenTelemetry on (API and worker send their spans over OTLP/HTTP to a receiver in this process),
 * a programme of N households with no notice periods is imported, and every household is driven
 * through eight person steps with bulk requests. The spans of each step are then summed per layer:
 * the API request, the Temporal update round trip, the projection (a local activity), its SQL and
 * the audit chain's global lock. Tracing adds its own cost, so the shares are the finding, not the
 * absolute times.
 */
import * as http from 'node:http';
import { Client, Connection } from '@temporalio/client';
import { freePort } from '../libs/devstack/src/free-port';
import { call, login, timed, upload } from './bench-http';
import pLimit from 'p-limit';
import { Environment } from '../libs/config/src/environment';
import { floorFinishSignal, floorStepUpdate } from '../libs/contracts/src/diagnostics/update-floor';
import { updateFloorWorkflow } from '../workflows/diagnostics/update-floor.workflow';
import { LocalSystem, processesOf, startLocalSystem, temporalFigure } from './local-system';
import { cpuPerUnit, cpuSnapshot } from './process-cpu';
import { printFigures } from './report';

const ADMIN_PASSWORD = 'bench-admin-password';
const PASSWORD = 'bench-password-1';
const TOWNSHIPS = 4;
const BULK_SIZE = 100;
const BULK_STEP_ROUTE = 'POST /api/housing/households/steps';
const TASK_QUEUE = new Environment().TEMPORAL_TASK_QUEUE;

interface Span {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  startNs: bigint;
  endNs: bigint;
  statement?: string;
}

interface OtlpAttribute {
  key: string;
  value: { stringValue?: string };
}
interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  startTimeUnixNano: string | number;
  endTimeUnixNano: string | number;
  attributes?: OtlpAttribute[];
}
interface OtlpRequest {
  resourceSpans?: Array<{ scopeSpans?: Array<{ spans?: OtlpSpan[] }> }>;
}

/** An OTLP/HTTP (JSON) trace receiver on a free port of 127.0.0.1, keeping every span it is sent. */
async function startReceiver(): Promise<{ endpoint: string; spans: Span[]; close(): Promise<void> }> {
  const spans: Span[] = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as OtlpRequest;
      for (const resource of body.resourceSpans ?? [])
        for (const scope of resource.scopeSpans ?? [])
          for (const span of scope.spans ?? [])
            spans.push({
              traceId: span.traceId,
              spanId: span.spanId,
              parentSpanId: span.parentSpanId || undefined,
              name: span.name,
              startNs: BigInt(span.startTimeUnixNano),
              endNs: BigInt(span.endTimeUnixNano),
              statement: span.attributes?.find((a) => a.key === 'db.statement')?.value.stringValue,
            });
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${port}`,
    spans,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

const ms = (ns: bigint) => Number(ns) / 1e6;
const sleep = (millis: number) => new Promise((resolve) => setTimeout(resolve, millis));

/** The length of the union of the intervals (the time at least one of them was running). */
function covered(intervals: Array<[bigint, bigint]>): bigint {
  const sorted = [...intervals].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  let total = 0n;
  let [start, end] = sorted[0] ?? [0n, 0n];
  for (const [s, e] of sorted.slice(1)) {
    if (s > end) {
      total += end - start;
      [start, end] = [s, e];
    } else if (e > end) end = e;
  }
  return total + (end - start);
}

/** The programme, its people and N imported households (ids, with their township and village). */
async function seed(api: string, households: number) {
  const admin = await login(api, 'admin', ADMIN_PASSWORD);
  const tokens = new Map<string, string>();
  const unit = (code: string, name: string, kind: string, parentCode?: string) =>
    call(api, 'POST', '/units', admin, { code, name, kind, ...(parentCode ? { parentCode } : {}) });
  const person = async (unitCode: string, roles: string[]) => {
    const username = `u-${unitCode}`;
    await call(api, 'POST', '/users', admin, {
      username,
      displayName: username,
      unitCode,
      roles,
      password: PASSWORD,
    });
    tokens.set(unitCode, await login(api, username, PASSWORD));
  };
  await unit('county', '示范县', 'county');
  await unit('zjj', '住建局', 'bureau', 'county');
  await person('zjj', ['department']);
  await person('county', ['command-center']);
  for (let t = 1; t <= TOWNSHIPS; t++) {
    await unit(`t${t}`, `第${t}镇`, 'township', 'county');
    await unit(`v${t}`, `第${t}村`, 'village', `t${t}`);
    await person(`t${t}`, ['department']);
    await person(`v${t}`, ['department']);
  }
  const command = tokens.get('county')!;
  const programme = await call<{ id: string }>(api, 'POST', '/housing/programmes', command, {
    name: '分层计时样本',
    housingBureau: 'zjj',
    stageDeadlines: { 'move-in': new Date(Date.now() + 365 * 86_400_000).toISOString() },
    noticePeriods: { village: null, township: null, county: null },
  });
  const rows = ['户编号,户主姓名,村编码,乡镇编码,是否建档立卡贫困户,房屋危险等级,计划补助金额（元）'];
  for (let i = 1; i <= households; i++) {
    const t = (i % TOWNSHIPS) + 1;
    rows.push(`L${String(i).padStart(6, '0')},户主${i},v${t},t${t},是,D,14000`);
  }
  const batch = await upload<{ id: string }>(
    api,
    `/housing/programmes/${programme.id}/imports`,
    command,
    'h.csv',
    Buffer.from(rows.join('\n')),
  );
  while (
    (await call<{ status: string }>(api, 'GET', `/housing/imports/${batch.id}`, command)).status !== 'done'
  )
    await sleep(200);
  const imported: Array<{ id: string; householdNo: string; township: string; village: string }> = [];
  for (let page = 1; ; page++) {
    const { items } = await call<{ items: typeof imported }>(
      api,
      'GET',
      `/housing/households?programme=${programme.id}&pageSize=500&page=${page}`,
      command,
    );
    if (items.length === 0) break;
    imported.push(...items);
  }
  return { tokens, programmeId: programme.id, households: imported };
}

/** The person steps from appraisal to the two acceptance signatures, with who takes each. */
const STEPS: Array<{ by: 'township' | 'village' | 'zjj'; step: object }> = [
  { by: 'township', step: { type: 'record-appraisal', rating: 'D' } },
  { by: 'village', step: { type: 'approve', note: '村级评议通过' } },
  { by: 'township', step: { type: 'approve', note: '乡镇审核通过' } },
  { by: 'zjj', step: { type: 'approve', note: '县级审批通过' } },
  { by: 'township', step: { type: 'record-start', note: '开工' } },
  { by: 'township', step: { type: 'record-completion', note: '竣工' } },
  { by: 'township', step: { type: 'sign-acceptance', note: '乡镇验收' } },
  { by: 'zjj', step: { type: 'sign-acceptance', note: '住建局验收' } },
];

/**
 * Where a transition's time goes: the traced sample's time by layer, then an untraced sample's CPU
 * per transition in each process, the history it leaves, and the engine's floor beside it.
 * BENCH_TRACING=off leaves out the traced sample.
 */
export async function transitionLayers(households = 200): Promise<Array<[string, string]>> {
  const traced = process.env.BENCH_TRACING === 'off' ? [] : await tracedSample(households);
  return [...traced, ...(await untracedSample(households))];
}

/** The time of each layer, from the spans of a traced drive. */
async function tracedSample(households: number): Promise<Array<[string, string]>> {
  const receiver = await startReceiver();
  try {
    const system = await startLocalSystem(ADMIN_PASSWORD, {
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint,
      OTEL_BSP_SCHEDULE_DELAY: '500',
      OTEL_BSP_MAX_QUEUE_SIZE: '200000',
      OTEL_BSP_MAX_EXPORT_BATCH_SIZE: '5000',
    });
    try {
      // the setup's spans are not transitions
      const run = await driveHouseholds(system, households, () => (receiver.spans.length = 0));
      await sleep(3000); // the last batches of spans
      return summarise(receiver.spans, run.transitions, run.driveMs);
    } finally {
      await system.stop();
    }
  } finally {
    await receiver.close();
  }
}

/** CPU per transition by process, the history a transition leaves, and the engine's floor. */
async function untracedSample(households: number): Promise<Array<[string, string]>> {
  const system = await startLocalSystem(ADMIN_PASSWORD);
  try {
    const run = await driveHouseholds(system, households);
    const history = await historyShape(
      system.temporalAddress,
      run.sample.slice(0, 20).map((h) => `household:${run.programmeId}:${h.householdNo}`),
    );
    const floors = [
      await engineFloor(system, households, false),
      await engineFloor(system, households, true),
    ];
    const processes = run.cpu.map(([name]) => name);
    const cpuOf = (rows: Array<[string, number]>, name: string) =>
      rows.find(([process]) => process === name)?.[1].toFixed(2) ?? '–';
    const rate = (drive: Drive) => Math.round(drive.transitions / (drive.driveMs / 1000));
    return [
      temporalFigure(system),
      [
        "untraced sample: a household's transition beside the floor",
        'household / bare update / update + local activity',
      ],
      [
        '  transitions per second',
        `${rate(run)} / ${rate(floors[0])} / ${rate(floors[1])} (${floors[0].transitions} updates, ${FLOOR_IN_FLIGHT} in flight)`,
      ],
      ...processes.map((name): [string, string] => [
        `  CPU per transition, ${name === 'client' ? 'benchmark client' : name === 'all' ? 'all together' : name}`,
        `${cpuOf(run.cpu, name)} / ${cpuOf(floors[0].cpu, name)} / ${cpuOf(floors[1].cpu, name)} ms`,
      ]),
      ...history,
    ];
  } finally {
    await system.stop();
  }
}

interface Drive {
  transitions: number;
  driveMs: number;
  /** ms of CPU per transition in each process */
  cpu: Array<[string, number]>;
}

/** Imports N households and drives every one through the eight person steps with bulk requests. */
async function driveHouseholds(system: LocalSystem, households: number, onSeeded?: () => void) {
  const { tokens, programmeId, households: sample } = await seed(system.api, households);
  onSeeded?.();
  let transitions = 0;
  /** Sends the step to the unit's households in bulk, again to those refused (a busy worker) until all took it. */
  const drive = async (unit: string, ids: string[], step: object) => {
    let pending = ids;
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt === 30)
        throw new Error(`${pending.length} households did not take ${JSON.stringify(step)}`);
      if (attempt > 0) await sleep(1000);
      const refused: string[] = [];
      for (let i = 0; i < pending.length; i += BULK_SIZE) {
        const results = await call<Array<{ householdId: string; ok: boolean }>>(
          system.api,
          'POST',
          '/housing/households/steps',
          tokens.get(unit),
          { householdIds: pending.slice(i, i + BULK_SIZE), step },
        );
        for (const result of results)
          if (result.ok) transitions++;
          else refused.push(result.householdId);
      }
      pending = refused;
    }
  };
  const cpuBefore = cpuSnapshot(processesOf(system));
  const [, driveMs] = await timed(async () => {
    for (const { by, step } of STEPS) {
      const groups = new Map<string, string[]>();
      for (const h of sample) {
        const unit = by === 'zjj' ? 'zjj' : by === 'township' ? h.township : h.village;
        groups.set(unit, [...(groups.get(unit) ?? []), h.id]);
      }
      await Promise.all([...groups].map(([unit, ids]) => drive(unit, ids, step)));
    }
  });
  const cpu = cpuPerUnit(cpuBefore, cpuSnapshot(processesOf(system)), transitions);
  return { transitions, driveMs, cpu, programmeId, sample };
}

/** Updates kept in flight when driving the floor workflow. */
const FLOOR_IN_FLIGHT = 32;

/**
 * The engine's floor on the same servers: N bare workflows (updateFloorWorkflow) each take eight
 * updates straight from a Temporal client, FLOOR_IN_FLIGHT at a time; with a local activity that
 * does nothing, or without.
 */
async function engineFloor(
  system: LocalSystem,
  workflows: number,
  withLocalActivity: boolean,
): Promise<Drive> {
  const connection = await Connection.connect({ address: system.temporalAddress });
  try {
    const client = new Client({ connection });
    const run = `${withLocalActivity ? 'la' : 'bare'}-${Date.now()}`;
    const handles = await Promise.all(
      Array.from({ length: workflows }, (_, i) =>
        client.workflow.start(updateFloorWorkflow, {
          taskQueue: TASK_QUEUE,
          workflowId: `update-floor:${run}:${i}`,
        }),
      ),
    );
    const limit = pLimit(FLOOR_IN_FLIGHT);
    const cpuBefore = cpuSnapshot(processesOf(system));
    const [, driveMs] = await timed(async () => {
      for (let step = 0; step < STEPS.length; step++)
        await Promise.all(
          handles.map((handle) =>
            limit(() => handle.executeUpdate(floorStepUpdate, { args: [{ withLocalActivity }] })),
          ),
        );
    });
    const transitions = workflows * STEPS.length;
    const cpu = cpuPerUnit(cpuBefore, cpuSnapshot(processesOf(system)), transitions);
    await Promise.all(handles.map((handle) => handle.signal(floorFinishSignal)));
    return { transitions, driveMs, cpu };
  } finally {
    await connection.close();
  }
}

/**
 * What the server keeps per transition, from the histories of a few driven households: events and
 * workflow tasks for each of the eight steps, and the events that occur most.
 */
async function historyShape(address: string, workflowIds: string[]): Promise<Array<[string, string]>> {
  const connection = await Connection.connect({ address });
  try {
    const client = new Client({ connection });
    const histories = await Promise.all(
      workflowIds.map((id) => client.workflow.getHandle(id).fetchHistory()),
    );
    const events = histories.flatMap((history) => history.events ?? []);
    const byType = new Map<string, number>();
    for (const event of events) {
      const type = Object.keys(event).find((key) => key.endsWith('EventAttributes')) ?? 'other';
      byType.set(type, (byType.get(type) ?? 0) + 1);
    }
    const transitions = workflowIds.length * STEPS.length;
    const per = (count: number) => (count / transitions).toFixed(2);
    return [
      ['  history events per transition (import to last step)', per(events.length)],
      [
        '  workflow tasks completed per transition',
        per(byType.get('workflowTaskCompletedEventAttributes') ?? 0),
      ],
      ...[...byType]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 8)
        .map(([type, count]): [string, string] => [`    ${type.replace('EventAttributes', '')}`, per(count)]),
    ];
  } finally {
    await connection.close();
  }
}

function summarise(spans: Span[], transitions: number, driveMs: number): Array<[string, string]> {
  const byParent = new Map<string, Span[]>();
  for (const span of spans)
    if (span.parentSpanId)
      byParent.set(span.parentSpanId, [...(byParent.get(span.parentSpanId) ?? []), span]);
  const descendants = (span: Span): Span[] =>
    (byParent.get(span.spanId) ?? []).flatMap((child) => [child, ...descendants(child)]);
  const duration = (span: Span) => span.endNs - span.startNs;
  const sum = (list: Span[]) => list.reduce((total, span) => total + duration(span), 0n);

  const requests = spans.filter((s) => s.name === BULK_STEP_ROUTE);
  const updates = spans.filter((s) => s.name === 'StartWorkflowUpdate:command');
  const projections = spans.filter((s) => s.name === 'RunActivity:projectHousehold');
  const sql = projections.flatMap((p) => descendants(p).filter((s) => s.statement !== undefined));
  const lockWaits = sql.filter((s) => s.statement!.includes('pg_advisory_xact_lock'));
  // The chain's lock is held from the moment it is taken to the projection's COMMIT.
  const lockHeld = projections.map((p) => {
    const own = descendants(p).filter((s) => s.statement !== undefined);
    const taken = own.find((s) => s.statement!.includes('pg_advisory_xact_lock'));
    const commit = own.find((s) => /^COMMIT/i.test(s.statement!.trim()));
    return taken && commit ? commit.endNs - taken.endNs : 0n;
  });
  const heldTotal = lockHeld.reduce((a, b) => a + b, 0n);
  const apiOwn = requests.reduce(
    (total, request) =>
      total +
      duration(request) -
      covered(
        descendants(request)
          .filter((s) => s.name === 'StartWorkflowUpdate:command')
          .map((s) => [s.startNs, s.endNs]),
      ),
    0n,
  );
  // The statements that cost the projection most, by their first words.
  const statements = new Map<string, { total: bigint; count: number }>();
  for (const span of sql) {
    const key = span.statement!.replace(/\s+/g, ' ').trim().slice(0, 48);
    const entry = statements.get(key) ?? { total: 0n, count: 0 };
    entry.total += duration(span);
    entry.count += 1;
    statements.set(key, entry);
  }
  const costliest = [...statements].sort((a, b) => (a[1].total > b[1].total ? -1 : 1)).slice(0, 4);
  const per = (total: bigint, count: number) => (count === 0 ? '–' : `${(ms(total) / count).toFixed(2)} ms`);
  return [
    [
      'traced sample: transitions through bulk steps',
      `${transitions} in ${(driveMs / 1000).toFixed(1)} s (${Math.round(transitions / (driveMs / 1000))} /s, tracing on)`,
    ],
    ['  API request outside the Temporal calls, per transition', per(apiOwn, transitions)],
    ['  Temporal update round trip (client span), mean', per(sum(updates), updates.length)],
    ['  of which the projection (local activity), mean', per(sum(projections), projections.length)],
    ['    its SQL statements (incl. lock wait), mean', per(sum(sql), projections.length)],
    ['    waiting for the audit chain lock, mean', per(sum(lockWaits), projections.length)],
    ['    holding the audit chain lock (to COMMIT), mean', per(heldTotal, projections.length)],
    ...costliest.map(([statement, { total, count }]): [string, string] => [
      `      ${statement}`,
      `${(ms(total) / count).toFixed(2)} ms × ${(count / Math.max(projections.length, 1)).toFixed(1)} per projection`,
    ]),
    ['  audit chain lock held, share of the drive', `${((ms(heldTotal) / driveMs) * 100).toFixed(0)} %`],
    [
      '  spans received (requests / updates / projections)',
      `${requests.length} / ${updates.length} / ${projections.length}`,
    ],
  ];
}

if (require.main === module) {
  transitionLayers(Number(process.argv[2] ?? 200))
    .then((rows) => {
      console.log('\nwhere a transition goes');
      printFigures(rows);
      process.exit(0);
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
