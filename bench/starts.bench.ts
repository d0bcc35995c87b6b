/**
 * Benchmark: how fast an import starts household pipelines, beside the barest workflow
 * (`helloWorkflow`) started with the same number in flight on the same server and worker, and how
 * long each import's first workflow task waits for a worker. Prints figures; not a test.
 * Usage: npm run bench:starts [-- N [IMPORTS]] (N households in the big import, default 2,000;
 * IMPORTS small imports for the first-task wait, default 20).
 */
import { Client, Connection } from '@temporalio/client';
import { tsToMs } from '@temporalio/common/lib/time';
import pLimit from 'p-limit';
import { PARALLEL_STARTS } from '../activities/housing/household-import.activities';
import { Environment } from '../libs/config/src/environment';
import { percentile } from './bench-http';
import { householdRows, housingFixture } from './housing-import-fixture';
import { memoryFigures, temporalFigure, startLocalSystem } from './local-system';
import { printFigures, runBenchmark } from './report';

const HOUSEHOLDS = Number(process.argv[2] ?? 2_000);
const IMPORTS = Number(process.argv[3] ?? 20);
const SMALL_IMPORT = 25;
const ADMIN_PASSWORD = 'bench-admin-password';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function main(): Promise<void> {
  console.log('starting Postgres, Temporal, the worker and the API …');
  const system = await startLocalSystem(ADMIN_PASSWORD);
  const connection = await Connection.connect({ address: system.temporalAddress });
  const temporal = new Client({ connection });
  const taskQueue = new Environment().TEMPORAL_TASK_QUEUE;
  try {
    const { programme, importAndWait } = await housingFixture(system.api, ADMIN_PASSWORD);

    // The barest workflow, PARALLEL_STARTS in flight, as an import keeps them. The rate counts the
    // starts; the results are awaited after (untimed) so no backlog is left for the next phase.
    const hello = async (runId: string, count: number) => {
      const limit = pLimit(PARALLEL_STARTS);
      const started = performance.now();
      const handles = await Promise.all(
        Array.from({ length: count }, (_, i) =>
          limit(() =>
            temporal.workflow.start('helloWorkflow', {
              taskQueue,
              workflowId: `hello:${runId}:${i}`,
              args: [`${i}`],
            }),
          ),
        ),
      );
      const rate = count / ((performance.now() - started) / 1000);
      await Promise.all(handles.map((handle) => handle.result()));
      return rate;
    };
    await hello('warm-up', 100);
    const helloBefore = await hello('before', HOUSEHOLDS);
    const big = await importAndWait(await programme('启动速率基准'), householdRows('H', HOUSEHOLDS));
    const importRate = HOUSEHOLDS / (big.ms / 1000);
    const helloAfter = await hello('after', HOUSEHOLDS);
    const helloRate = (helloBefore + helloAfter) / 2;
    console.log(`  ${HOUSEHOLDS} pipelines started in ${(big.ms / 1000).toFixed(1)} s`);

    // Small imports one after another on a quiet worker: how long their first workflow task waits.
    const smallProgramme = await programme('首个任务等待基准');
    const waits: number[] = [];
    for (let i = 0; i < IMPORTS; i++) {
      const { id } = await importAndWait(smallProgramme, householdRows(`S${i}-`, SMALL_IMPORT));
      const history = await temporal.workflow.getHandle(`household-import:${id}`).fetchHistory();
      const events = history.events ?? [];
      const scheduled = events.find((e) => e.workflowTaskScheduledEventAttributes);
      const taken = events.find((e) => e.workflowTaskStartedEventAttributes);
      waits.push(tsToMs(taken?.eventTime) - tsToMs(scheduled?.eventTime));
      await sleep(2_000); // let the worker go idle, as between two people's imports
    }

    const figures: Array<[string, string]> = [
      ['starts kept in flight (import and bare workflow alike)', `${PARALLEL_STARTS}`],
      [
        'bare helloWorkflow starts',
        `${helloRate.toFixed(0)} /s (before ${helloBefore.toFixed(0)}, after ${helloAfter.toFixed(0)})`,
      ],
      [`import of ${HOUSEHOLDS} households: pipelines started`, `${importRate.toFixed(0)} /s`],
      ['import ÷ bare start rate', `${(importRate / helloRate).toFixed(2)}×`],
      [
        `first workflow task wait of ${IMPORTS} imports`,
        `p50 ${percentile(waits, 0.5).toFixed(0)} ms, max ${Math.max(...waits).toFixed(0)} ms`,
      ],
      temporalFigure(system),
      ...memoryFigures(system),
    ];
    console.log('\nstart-rate benchmark');
    printFigures(figures);
  } finally {
    await connection.close();
    await system.stop();
  }
}

runBenchmark(main);
