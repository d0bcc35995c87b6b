/**
 * Benchmark: the worker's sticky schedule-to-start timeout (WORKER_STICKY_TIMEOUT_SECONDS, the
 * Worker option `stickyQueueScheduleToStartTimeout`) at 10, 30, 60 and 120 s. For each:
 * - the shared-deadline storm: WORKFLOWS workflows cached on one worker whose timers fall due
 *   within a few seconds, each then running two deliveries (as due households escalate); counted:
 *   workflow tasks that timed out waiting on the worker's sticky queue (SCHEDULE_TO_START: the
 *   workflow is then replayed from its whole history by whichever worker takes it) and the time
 *   until every workflow finished;
 * - the crash stall: workflows waiting for a person are cached on worker A; A is SIGKILLed, a
 *   second worker B polls, and each workflow is signalled at once; measured: the time until B has
 *   run them all (the tasks wait on A's sticky queue until the timeout).
 * Workers are processes of their own (bench/sticky/worker.ts) with the project's workflow cache
 * size, on the Temporal dev server with its SQLite file, as `npm start` runs it. Prints a table.
 * Usage: npm run bench:sticky [-- WORKFLOWS [TIMEOUTS]] (300 and 10,30,60,120 by default).
 */
import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { bundleWorkflowCode, DefaultLogger } from '@temporalio/worker';
import { Environment } from '../libs/config/src/environment';
import { freePort, waitFor } from '../libs/devstack/src/free-port';
import { ensureTemporalCli } from '../libs/devstack/src/temporal-binaries';
import { startTemporalDevServer, stopChild } from '../libs/devstack/src/temporal-dev-server';
import { releaseSignal } from './sticky/workflows';
import { runBenchmark } from './report';

const WORKFLOWS = Number(process.argv[2] ?? 300);
const TIMEOUTS = (process.argv[3] ?? '10,30,60,120').split(',').map(Number);
/** Workflows cached on the worker that is killed. */
const WAITING = 50;
/** The storm's timers fall due over this window, as a programme's timerJitter spreads them. */
const DUE_WINDOW_MS = 5000;
const MAX_CACHED = new Environment().WORKER_MAX_CACHED_WORKFLOWS;

/** temporal.api.enums.v1.TimeoutType.TIMEOUT_TYPE_SCHEDULE_TO_START */
const SCHEDULE_TO_START = 2;

interface Row {
  timeout: number;
  stormTimeouts: number;
  stormDrainS: number;
  stallMedianS: number;
  stallMaxS: number;
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'campaign-sticky-'));
  const temporal = await startTemporalDevServer({
    cliPath: ensureTemporalCli(),
    port: await freePort(),
    namespace: 'default',
    dbFile: path.join(dir, 'temporal.db'),
  });
  const bundle = await bundleWorkflowCode({
    workflowsPath: require.resolve('./sticky/workflows'),
    logger: new DefaultLogger('WARN'),
  });
  const bundlePath = path.join(dir, 'bundle.js');
  const logFd = fs.openSync(path.join(os.tmpdir(), 'campaign-sticky-workers.log'), 'w');
  fs.writeFileSync(bundlePath, bundle.code);
  const connection = await Connection.connect({ address: temporal.address });
  const client = new Client({ connection });
  const workers: Array<{ child: ChildProcess; exited: Promise<unknown> }> = [];
  const startWorker = async (taskQueue: string, stickySeconds: number) => {
    const child = spawn(process.execPath, [require.resolve('./sticky/worker')], {
      env: {
        ...process.env,
        TEMPORAL_ADDRESS: temporal.address,
        TASK_QUEUE: taskQueue,
        STICKY_SECONDS: String(stickySeconds),
        BUNDLE_PATH: bundlePath,
        MAX_CACHED: String(MAX_CACHED),
      },
      // the SDK's own warnings (slow workflow tasks under the storm) go to a file, not the table
      stdio: ['ignore', logFd, logFd],
    });
    const worker = { child, exited: new Promise((resolve) => child.once('exit', resolve)) };
    workers.push(worker);
    const pollersBefore = await pollers(taskQueue);
    await waitFor('worker', async () => (await pollers(taskQueue)) > pollersBefore, 120_000);
    return worker;
  };
  const pollers = async (taskQueue: string) =>
    (
      await connection.workflowService.describeTaskQueue({
        namespace: 'default',
        taskQueue: { name: taskQueue },
      })
    ).pollers.filter((p) => Date.now() - Number(p.lastAccessTime?.seconds ?? 0) * 1000 < 5000).length;

  const rows: Row[] = [];
  try {
    for (const timeout of TIMEOUTS) {
      // --- the shared-deadline storm
      const stormQueue = `storm-${timeout}`;
      const stormWorker = await startWorker(stormQueue, timeout);
      const startAll = Date.now();
      // room to start them all first (about 10 a second on a loaded 2-core machine)
      const dueAt = startAll + WORKFLOWS * 150 + 30_000;
      const handles = [];
      for (let i = 0; i < WORKFLOWS; i += 100)
        handles.push(
          ...(await Promise.all(
            Array.from({ length: Math.min(100, WORKFLOWS - i) }, (_, j) =>
              client.workflow.start('deadlineWorkflow', {
                taskQueue: stormQueue,
                workflowId: `storm-${timeout}-${i + j}`,
                args: [dueAt + Math.floor(((i + j) / WORKFLOWS) * DUE_WINDOW_MS)],
              }),
            ),
          )),
        );
      if (Date.now() > dueAt) console.log('  (the first were due before the last started: a smaller storm)');
      console.log(
        `sticky ${timeout} s: ${WORKFLOWS} workflows started in ${((Date.now() - startAll) / 1000).toFixed(0)} s; due in ${Math.round((dueAt - Date.now()) / 1000)} s`,
      );
      for (let i = 0; i < handles.length; i += 100)
        await Promise.all(handles.slice(i, i + 100).map((h) => h.result()));
      const stormDrainS = (Date.now() - dueAt) / 1000;
      let stormTimeouts = 0;
      for (let i = 0; i < handles.length; i += 25) {
        const histories = await Promise.all(handles.slice(i, i + 25).map((h) => h.fetchHistory()));
        for (const event of histories.flatMap((h) => h.events ?? []))
          if (Number(event.workflowTaskTimedOutEventAttributes?.timeoutType) === SCHEDULE_TO_START)
            stormTimeouts++;
      }
      await stopChild(stormWorker.child, stormWorker.exited);

      // --- the crash stall
      const crashQueue = `crash-${timeout}`;
      const a = await startWorker(crashQueue, timeout);
      const waiting = await Promise.all(
        Array.from({ length: WAITING }, (_, i) =>
          client.workflow.start('waitingWorkflow', {
            taskQueue: crashQueue,
            workflowId: `crash-${timeout}-${i}`,
          }),
        ),
      );
      // every one has run its first task on A and is cached there
      await waitFor(
        'first tasks',
        async () =>
          (await Promise.all(waiting.map((h) => h.describe()))).every((d) => !d.raw.pendingWorkflowTask),
        120_000,
      );
      await startWorker(crashQueue, timeout);
      a.child.kill('SIGKILL');
      await a.exited;
      const released = Date.now();
      await Promise.all(waiting.map((h) => h.signal(releaseSignal)));
      const stalls = await Promise.all(
        waiting.map(async (h) => (await h.result(), (Date.now() - released) / 1000)),
      );
      stalls.sort((x, y) => x - y);
      rows.push({
        timeout,
        stormTimeouts,
        stormDrainS,
        stallMedianS: stalls[Math.floor(stalls.length / 2)],
        stallMaxS: stalls[stalls.length - 1],
      });
      console.log(
        `  storm: ${stormTimeouts} sticky timeouts, drained ${stormDrainS.toFixed(0)} s after the first due; crash stall ${stalls[stalls.length - 1].toFixed(1)} s`,
      );
      for (const w of workers) await stopChild(w.child, w.exited);
    }
  } catch (error) {
    console.error(error); // before the connection closes under calls still waiting
    process.exitCode = 1;
  } finally {
    for (const w of workers) await stopChild(w.child, w.exited);
    await connection.close();
    await temporal.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }

  console.log(
    `\nsticky schedule-to-start timeout: ${WORKFLOWS} workflows due within ${DUE_WINDOW_MS / 1000} s on one worker (cache ${MAX_CACHED}); ${WAITING} cached workflows on a killed worker`,
  );
  console.log('  timeout | storm: sticky timeouts | storm: drained after | crash stall: median / max');
  for (const r of rows)
    console.log(
      `  ${`${r.timeout} s`.padStart(7)} | ${String(r.stormTimeouts).padStart(22)} | ${`${r.stormDrainS.toFixed(0)} s`.padStart(20)} | ${r.stallMedianS.toFixed(1)} / ${r.stallMaxS.toFixed(1)} s`,
    );
}

runBenchmark(main);
