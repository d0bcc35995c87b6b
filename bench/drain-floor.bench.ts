/**
 * Benchmark: the engine's floor for a shared deadline on this machine. Starts N bare workflows
 * (timerFloorWorkflow, default 10,000) on the same system as `npm run bench:housing` (embedded
 * Postgres, the Temporal dev server on SQLite, the worker and the API in processes of their own,
 * the same workflow cache), each waiting on a durable timer for the same instant and then running one
 * local activity that does nothing, as a household due runs its projection. Prints how long after
 * the instant the last one finished, the CPU each process used per workflow meanwhile, and the
 * workflow-task timeouts: what a programme's drain (`npm run bench:housing -- N PT0S`) cannot beat
 * here, whatever the project's own code does. Prints figures; not a test.
 * Usage: npm run bench:drain-floor [-- N]
 */
import { Client, Connection, WorkflowHandle } from '@temporalio/client';
import pLimit from 'p-limit';
import { Environment } from '../libs/config/src/environment';
import { helloWorkflow } from '../workflows/diagnostics/hello.workflow';
import { timerFloorWorkflow } from '../workflows/diagnostics/timer-floor.workflow';
import { timed } from './bench-http';
import { memoryFigures, temporalFigure, processesOf, startLocalSystem } from './local-system';
import { cpuFigure, cpuPerUnit, cpuSnapshot, stolenCpuSeconds, stolenShare } from './process-cpu';
import { printFigures, runBenchmark } from './report';

const WORKFLOWS = Number(process.argv[2] ?? 10_000);
const TASK_QUEUE = new Environment().TEMPORAL_TASK_QUEUE;
/** Starts kept in flight, as an import keeps them. */
const STARTS_IN_FLIGHT = 20;
/** The shared instant falls this long after the last start. */
const DUE_AFTER_LAST_START_MS = 20_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function main(): Promise<void> {
  console.log('starting Postgres, Temporal, the worker and the API …');
  const cache =
    process.env.WORKER_MAX_CACHED_WORKFLOWS ?? String(new Environment().WORKER_MAX_CACHED_WORKFLOWS);
  const system = await startLocalSystem('bench-admin-password', { WORKER_MAX_CACHED_WORKFLOWS: cache });
  const connection = await Connection.connect({ address: system.temporalAddress });
  try {
    const client = new Client({ connection });
    // The instant is given to every workflow at its start, so it lies beyond the time all starts
    // take: a generous guess from the pace of a first batch of bare starts, checked below.
    const run = `drain-floor-${Date.now()}`;
    const start = (i: number, dueAt: string) =>
      client.workflow.start(timerFloorWorkflow, {
        taskQueue: TASK_QUEUE,
        workflowId: `${run}:${i}`,
        args: [dueAt],
      });
    const probe = Math.min(200, WORKFLOWS);
    const limit = pLimit(STARTS_IN_FLIGHT);
    const [, probeMs] = await timed(() =>
      Promise.all(
        Array.from({ length: probe }, (_, i) =>
          limit(() =>
            client.workflow.start(helloWorkflow, {
              taskQueue: TASK_QUEUE,
              workflowId: `${run}:probe:${i}`,
              args: ['probe'],
            }),
          ),
        ),
      ),
    );
    const expectedStartMs = (probeMs / probe) * WORKFLOWS * 2;
    const dueAt = new Date(Date.now() + expectedStartMs + DUE_AFTER_LAST_START_MS);
    console.log(
      `  starting ${WORKFLOWS} workflows due at one instant, ${Math.round((dueAt.getTime() - Date.now()) / 1000)} s from now …`,
    );
    const handles: WorkflowHandle[] = [];
    const [, startMs] = await timed(() =>
      Promise.all(
        Array.from({ length: WORKFLOWS }, (_, i) =>
          limit(async () => {
            handles.push(await start(i, dueAt.toISOString()));
          }),
        ),
      ),
    );
    if (Date.now() >= dueAt.getTime())
      throw new Error('the starts took longer than the time left before the instant: run again');
    await sleep(dueAt.getTime() - Date.now());
    const cpuAtDue = cpuSnapshot(processesOf(system));
    const stolenAtDue = stolenCpuSeconds();
    const query = `WorkflowType = "timerFloorWorkflow" AND ExecutionStatus = "Completed"`;
    let done = 0;
    const giveUpAt = Date.now() + 1_800_000;
    while (done < WORKFLOWS && Date.now() < giveUpAt) {
      await sleep(1000);
      done = (await client.workflow.count(query)).count;
    }
    const cpu = cpuPerUnit(cpuAtDue, cpuSnapshot(processesOf(system)), Math.max(done, 1));
    const stolen = stolenShare(stolenAtDue, stolenCpuSeconds(), Date.now() - dueAt.getTime());

    // The last close time and the workflow-task timeouts, from the server's own records.
    let lastClose = 0;
    for await (const execution of client.workflow.list({ query }))
      lastClose = Math.max(lastClose, execution.closeTime?.getTime() ?? 0);
    let timeouts = 0;
    const read = pLimit(50);
    await Promise.all(
      handles.map((handle) =>
        read(async () => {
          const history = await handle.fetchHistory();
          timeouts += (history.events ?? []).filter((e) => e.workflowTaskTimedOutEventAttributes).length;
        }),
      ),
    );

    const figures: Array<[string, string]> = [
      ['bare workflows, one timer each at the same instant', String(WORKFLOWS)],
      ['worker workflow cache (WORKER_MAX_CACHED_WORKFLOWS)', cache],
      [
        `time to start them (${STARTS_IN_FLIGHT} in flight)`,
        `${(startMs / 1000).toFixed(1)} s (${Math.round(WORKFLOWS / (startMs / 1000))} /s)`,
      ],
      [
        'timer, no-op local activity, completed: done / started',
        `${done} / ${WORKFLOWS}, the last ${((lastClose - dueAt.getTime()) / 1000).toFixed(1)} s after the instant`,
      ],
      ['workflow task timeouts', String(timeouts)],
      ['CPU per workflow, instant to drained', cpuFigure(cpu)],
      ['CPU time the host took (steal), instant to drained', stolen],
      temporalFigure(system),
      ...memoryFigures(system),
    ];
    console.log('\ndrain floor benchmark');
    printFigures(figures);
  } finally {
    await connection.close();
    await system.stop();
  }
}

runBenchmark(main);
