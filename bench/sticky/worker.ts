/**
 * One worker of the sticky-queue benchmark, a process of its own so it can be SIGKILLed: the
 * project's worker settings (workflow cache) with the sticky schedule-to-start timeout under test.
 * Environment: TEMPORAL_ADDRESS, TASK_QUEUE, STICKY_SECONDS, BUNDLE_PATH, MAX_CACHED.
 */
import { NativeConnection, Worker } from '@temporalio/worker';
import { benchActivities } from './activities';

async function main(): Promise<void> {
  const connection = await NativeConnection.connect({ address: process.env.TEMPORAL_ADDRESS });
  const worker = await Worker.create({
    connection,
    taskQueue: process.env.TASK_QUEUE!,
    workflowBundle: { codePath: process.env.BUNDLE_PATH! },
    activities: benchActivities,
    maxCachedWorkflows: Number(process.env.MAX_CACHED),
    stickyQueueScheduleToStartTimeout: Number(process.env.STICKY_SECONDS) * 1000,
  });
  process.on('SIGTERM', () => worker.shutdown());
  await worker.run();
  await connection.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
