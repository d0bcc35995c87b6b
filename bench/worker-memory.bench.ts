/**
 * Benchmark: the worker's memory against its workflow cache (WORKER_MAX_CACHED_WORKFLOWS). A worker
 * with a small cache (CACHE, default 200) as `npm start` runs it; household pipelines (workflows that
 * stay open, waiting for their appraisal) imported STEP at a time (default CACHE ÷ 2) up to WORKFLOWS
 * (default 5 × CACHE). After each step, once the worker is idle: a forced full garbage collection in
 * each of the worker's V8 isolates (the main thread, which runs activities, and the workflow thread,
 * which runs the cached workflows), then the process's RSS (/proc), each isolate's heap used and its
 * external memory (read through the worker's inspector, opened for this run only: `--inspect` on
 * 127.0.0.1), and the number of workflows cached (the SDK's `temporal_sticky_cache_size` on
 * WORKER_METRICS_PORT). Prints the table, then the growth per cached workflow while the cache fills
 * and per workflow once it is full. Then the churn phase, what the worker's reconciler does to a
 * cache smaller than the open workflows: ROUNDS rounds (default 3) of every open workflow's `state`
 * queried, so each one not cached is replayed from its history into the cache and evicts another;
 * a sample after each round. Prints figures; not a test.
 * Usage: npm run bench:worker-memory [-- CACHE [WORKFLOWS [STEP [ROUNDS]]]]
 * BENCH_TRACED=1: a traced worker (OTEL_EXPORTER_OTLP_ENDPOINT set to a receiver in this process that
 * accepts every span), whose bundle carries the OpenTelemetry workflow interceptors.
 * BENCH_HEAP_SNAPSHOTS=<dir>: also writes the workflow thread's heap snapshot when the cache is
 * first full and at the end (compare them in Chrome DevTools → Memory).
 */
import * as http from 'node:http';
import * as path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import pLimit from 'p-limit';
import { householdStateQuery, householdWorkflowId } from '../libs/contracts/src/housing/household-pipeline';
import { freePort, waitFor } from '../libs/devstack/src/free-port';
import { householdRows, housingFixture } from './housing-import-fixture';
import { InspectorClient, InspectorTarget } from './inspector-client';
import { rssKiB, startLocalSystem } from './local-system';
import { runBenchmark } from './report';

const CACHE = Number(process.argv[2] ?? 200);
const WORKFLOWS = Number(process.argv[3] ?? CACHE * 5);
const STEP = Number(process.argv[4] ?? Math.max(1, Math.floor(CACHE / 2)));
/** Rounds of the churn phase: every open workflow queried once, most replayed into the cache. */
const ROUNDS = Number(process.argv[5] ?? 3);
const ADMIN_PASSWORD = 'bench-admin-password';
/** The SDK runs every cached workflow in this worker thread (reuseV8Context: one thread, one context). */
const WORKFLOW_THREAD = 'workflow-worker-thread';

interface Sample {
  open: number;
  cached: number;
  rssKiB: number;
  mainHeapKiB: number;
  workflowHeapKiB: number;
  /** Both isolates' heaps as V8 has reserved them (used or not). */
  committedKiB: number;
  externalKiB: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const kib = (bytes: number) => Math.round(bytes / 1024);
const mib = (kibs: number) => (kibs / 1024).toFixed(1);

/** Sums every series of each metric in a Prometheus text exposition. */
function metricSums(text: string): Map<string, number> {
  const sums = new Map<string, number>();
  for (const line of text.split('\n')) {
    const match = /^([a-z_]+)(?:\{[^}]*\})? ([0-9.e+-]+)$/.exec(line);
    if (match) sums.set(match[1], (sums.get(match[1]) ?? 0) + Number(match[2]));
  }
  return sums;
}

async function main(): Promise<void> {
  const [inspectPort, metricsPort, otlpPort] = [await freePort(), await freePort(), await freePort()];
  const traced = process.env.BENCH_TRACED === '1';
  // an OTLP/HTTP receiver that takes every span and keeps none
  const receiver = http.createServer((request, response) => {
    request.resume();
    request.on('end', () => response.end());
  });
  if (traced) await new Promise<void>((resolve) => receiver.listen(otlpPort, '127.0.0.1', resolve));
  console.log(
    `starting Postgres, Temporal (SQLite, WAL), the ${traced ? 'traced ' : ''}worker (cache ${CACHE}) and the API …`,
  );
  const system = await startLocalSystem(
    ADMIN_PASSWORD,
    {
      WORKER_MAX_CACHED_WORKFLOWS: String(CACHE),
      WORKER_METRICS_PORT: String(metricsPort),
      ...(traced ? { OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${otlpPort}` } : {}),
    },
    { workerNodeArgs: [`--inspect=127.0.0.1:${inspectPort}`] },
  );
  const inspector = await InspectorClient.connect(inspectPort);
  const samples: Sample[] = [];
  const churn: Sample[] = [];
  const connection = await Connection.connect({ address: system.temporalAddress });
  const temporal = new Client({ connection });
  try {
    const main: InspectorTarget = { name: 'main' };
    const workflows = await inspector.worker(WORKFLOW_THREAD);
    const metrics = async () =>
      metricSums(await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text());
    // Idle: no workflow task completed for 3 s in a row (an import's pipelines each run a first
    // task, with a local activity, after the import has started them).
    const settled = async () => {
      let last = -1;
      let quiet = 0;
      await waitFor(
        'the worker to go idle',
        async () => {
          const tasks = (await metrics()).get('temporal_workflow_task_execution_latency_seconds_count') ?? 0;
          quiet = tasks === last ? quiet + 1 : 0;
          last = tasks;
          await sleep(1000);
          return quiet >= 3;
        },
        600_000,
      );
    };
    const sample = async (open: number): Promise<Sample> => {
      await settled();
      // garbage either isolate holds is not memory the cache keeps: collect it first, twice (a
      // collection can free what a finaliser of the first released)
      for (const target of [main, workflows, main, workflows]) await inspector.collectGarbage(target);
      const [m, w] = [await inspector.memory(main), await inspector.memory(workflows)];
      const taken: Sample = {
        open,
        cached: (await metrics()).get('temporal_sticky_cache_size') ?? NaN,
        rssKiB: rssKiB(system.pids.worker) ?? NaN,
        mainHeapKiB: kib(m.heapUsed),
        workflowHeapKiB: kib(w.heapUsed),
        committedKiB: kib(m.heapTotal + w.heapTotal),
        externalKiB: kib(m.external + w.external),
      };
      console.log(
        `  ${open} open, ${taken.cached} cached: RSS ${mib(taken.rssKiB)} MiB, heap ${mib(taken.mainHeapKiB)} + ${mib(taken.workflowHeapKiB)} MiB`,
      );
      return taken;
    };

    const fixture = await housingFixture(system.api, ADMIN_PASSWORD);
    const programmeId = await fixture.programme('工作进程内存基准');
    // a first small import so the baseline has run every code path once (modules loaded, pools open)
    await fixture.importAndWait(programmeId, householdRows('W', 2));
    samples.push(await sample(2));
    const households = ['W000001', 'W000002'];
    let snapshotFull = false;
    for (let open = 2, step = 0; open < WORKFLOWS + 2; step++) {
      const count = Math.min(STEP, WORKFLOWS + 2 - open);
      await fixture.importAndWait(programmeId, householdRows(`S${step}-`, count));
      for (let i = 1; i <= count; i++) households.push(`S${step}-${String(i).padStart(6, '0')}`);
      open += count;
      samples.push(await sample(open));
      const dir = process.env.BENCH_HEAP_SNAPSHOTS;
      if (dir && !snapshotFull && open >= CACHE) {
        snapshotFull = true;
        await inspector.writeHeapSnapshot(workflows, path.join(dir, `workflow-thread-${open}.heapsnapshot`));
      }
      if (dir && open >= WORKFLOWS + 2)
        await inspector.writeHeapSnapshot(workflows, path.join(dir, `workflow-thread-${open}.heapsnapshot`));
    }
    const limit = pLimit(20);
    for (let round = 1; round <= ROUNDS; round++) {
      await Promise.all(
        households.map((no) =>
          limit(() =>
            temporal.workflow.getHandle(householdWorkflowId(programmeId, no)).query(householdStateQuery),
          ),
        ),
      );
      churn.push(await sample(households.length));
    }
  } finally {
    await connection.close();
    inspector.close();
    await system.stop();
    receiver.close();
  }

  console.log(
    `\n${traced ? 'traced ' : ''}worker memory: cache ${CACHE}, household pipelines imported ${STEP} at a time (after a forced GC in both isolates)`,
  );
  console.log(
    '  workflows open | cached | RSS MiB | heap used MiB (main + workflows) | heaps committed MiB | external MiB',
  );
  const row = (first: string, s: Sample) =>
    console.log(
      `  ${first.padStart(14)} | ${String(s.cached).padStart(6)} | ${mib(s.rssKiB).padStart(7)} | ${`${mib(s.mainHeapKiB)} + ${mib(s.workflowHeapKiB)}`.padStart(32)} | ${mib(s.committedKiB).padStart(19)} | ${mib(s.externalKiB).padStart(12)}`,
    );
  for (const s of samples) row(String(s.open), s);
  console.log(`  churn: rounds of every open workflow's state queried (${WORKFLOWS + 2} open)`);
  for (const [round, s] of churn.entries()) row(`round ${round + 1}`, s);
  const [first] = samples;
  const full = samples.find((s) => s.cached >= CACHE) ?? samples[samples.length - 1];
  const last = samples[samples.length - 1];
  const per = (from: Sample, to: Sample, by: number, field: keyof Sample) =>
    by > 0 ? `${((to[field] - from[field]) / by).toFixed(0)} KiB` : 'n/a';
  const filled = full.cached - first.cached;
  const after = last.open - full.open;
  console.log(
    `  filling the cache (${first.cached} → ${full.cached} cached): RSS ${per(first, full, filled, 'rssKiB')}, workflow heap ${per(first, full, filled, 'workflowHeapKiB')}, main heap ${per(first, full, filled, 'mainHeapKiB')} per cached workflow`,
  );
  console.log(
    `  cache full (${full.open} → ${last.open} open): RSS ${per(full, last, after, 'rssKiB')}, workflow heap ${per(full, last, after, 'workflowHeapKiB')}, main heap ${per(full, last, after, 'mainHeapKiB')} per workflow more`,
  );
  if (churn.length > 1) {
    const [one, end] = [churn[0], churn[churn.length - 1]];
    console.log(
      `  churn rounds 1 → ${churn.length}: RSS ${mib(end.rssKiB - one.rssKiB)} MiB, workflow heap ${mib(end.workflowHeapKiB - one.workflowHeapKiB)} MiB, main heap ${mib(end.mainHeapKiB - one.mainHeapKiB)} MiB`,
    );
  }
}

runBenchmark(main);
