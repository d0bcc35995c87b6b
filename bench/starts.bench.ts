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
import { call, login, percentile, upload } from './bench-http';
import { memoryFigures, startLocalSystem } from './local-system';

const HOUSEHOLDS = Number(process.argv[2] ?? 2_000);
const IMPORTS = Number(process.argv[3] ?? 20);
const SMALL_IMPORT = 25;
const TOWNSHIPS = 4;
const ADMIN_PASSWORD = 'bench-admin-password';
const PASSWORD = 'bench-password-1';
const HEADER = '户编号,户主姓名,村编码,乡镇编码,是否建档立卡贫困户,房屋危险等级,计划补助金额（元）';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function householdRows(prefix: string, count: number): Buffer {
  const rows = [HEADER];
  for (let i = 1; i <= count; i++) {
    const t = (i % TOWNSHIPS) + 1;
    rows.push(`${prefix}${String(i).padStart(6, '0')},户主${i},v${t},t${t},是,D,14000`);
  }
  return Buffer.from(rows.join('\n'));
}

async function main(): Promise<void> {
  console.log('starting Postgres, Temporal (SQLite, WAL), the worker and the API …');
  const system = await startLocalSystem(ADMIN_PASSWORD);
  const connection = await Connection.connect({ address: system.temporalAddress });
  const temporal = new Client({ connection });
  const taskQueue = new Environment().TEMPORAL_TASK_QUEUE;
  try {
    const { api } = system;
    const admin = await login(api, 'admin', ADMIN_PASSWORD);
    await call(api, 'POST', '/units', admin, { code: 'county', name: '示范县', kind: 'county' });
    await call(api, 'POST', '/units', admin, {
      code: 'zjj',
      name: '住建局',
      kind: 'bureau',
      parentCode: 'county',
    });
    for (let t = 1; t <= TOWNSHIPS; t++) {
      await call(api, 'POST', '/units', admin, {
        code: `t${t}`,
        name: `第${t}镇`,
        kind: 'township',
        parentCode: 'county',
      });
      await call(api, 'POST', '/units', admin, {
        code: `v${t}`,
        name: `第${t}村`,
        kind: 'village',
        parentCode: `t${t}`,
      });
    }
    await call(api, 'POST', '/users', admin, {
      username: 'command',
      displayName: '指挥部',
      unitCode: 'county',
      roles: ['command-center'],
      password: PASSWORD,
    });
    const command = await login(api, 'command', PASSWORD);
    const programme = async (name: string) =>
      (
        await call<{ id: string }>(api, 'POST', '/housing/programmes', command, {
          name,
          housingBureau: 'zjj',
          stageDeadlines: { 'move-in': new Date(Date.now() + 365 * 86_400_000).toISOString() },
        })
      ).id;
    const importAndWait = async (programmeId: string, rows: Buffer) => {
      const batch = await upload<{ id: string }>(
        api,
        `/housing/programmes/${programmeId}/imports`,
        command,
        'h.csv',
        rows,
      );
      const accepted = performance.now();
      for (;;) {
        const progress = await call<{ status: string }>(api, 'GET', `/housing/imports/${batch.id}`, command);
        if (progress.status === 'done') return { id: batch.id, ms: performance.now() - accepted };
        await sleep(100);
      }
    };

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
      ...memoryFigures(system),
    ];
    console.log('\nstart-rate benchmark');
    for (const [name, value] of figures) console.log(`  ${name.padEnd(56)} ${value}`);
  } finally {
    await connection.close();
    await system.stop();
  }
}

main()
  .then(() => process.exit(0))
  .catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
