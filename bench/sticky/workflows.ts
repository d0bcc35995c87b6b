/**
 * Workflows of the sticky-queue benchmark (bench/sticky-timeout.bench.ts): a shared deadline (a
 * timer, then two deliveries, as a due household's escalation does) and one that waits for a
 * person (a signal) while cached on a worker that is then killed.
 */
import { condition, defineSignal, proxyActivities, setHandler, sleep } from '@temporalio/workflow';
import type { BenchActivities } from './activities';

const { deliver } = proxyActivities<BenchActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second' },
});

/** About what one of the project's workflow tasks costs (domain rules, projection input). */
function work(rounds: number): number {
  let x = 0;
  for (let i = 0; i < rounds; i++) x = (x * 31 + i) % 1_000_003;
  return x;
}

export async function deadlineWorkflow(dueAt: number): Promise<void> {
  work(20_000);
  await sleep(Math.max(1, dueAt - Date.now()));
  work(20_000);
  await deliver('responsible-unit');
  work(20_000);
  await deliver('command-center');
}

export const releaseSignal = defineSignal('release');

export async function waitingWorkflow(): Promise<void> {
  let released = false;
  setHandler(releaseSignal, () => {
    released = true;
  });
  await condition(() => released);
}
