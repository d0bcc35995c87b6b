import {
  ApplicationFailure,
  continueAsNew,
  log,
  proxyActivities,
  sleep,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../../activities';
import { bulletinCadenceProblem, nextBulletinDue } from '../../libs/domain/src/rectification/bulletin';
import { workflowNow } from '../common/workflow-time';

/** Started once per ledger, with workflow id `ledger-bulletins:<ledgerId>`. */
export interface LedgerBulletinInput {
  ledgerId: string;
  /** ISO 8601 duration between bulletins: `P1W` for 一周一通报, `PT10M` for a demonstration. */
  every: string;
  /** ISO instant of the first bulletin. */
  firstAt: string;
  /** Carried over by continue-as-new: the due time of the last bulletin this schedule published. */
  lastPublishedAsOf?: string;
}

// A publish that fails (database down) is retried until it succeeds: a due bulletin is never skipped.
const { publishBulletin } = proxyActivities<Activities>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '5 seconds', maximumInterval: '10 minutes', backoffCoefficient: 2 },
});

/**
 * The bulletin schedule of one ledger (一周一通报): publishes a bulletin as of each due time
 * `firstAt + k·every`, for ever. After a pause (a worker down for a while) it publishes every
 * due time it missed, in order, each as of its own due time. Bulletins published on demand are
 * separate and do not move the schedule.
 */
export async function ledgerBulletinWorkflow(input: LedgerBulletinInput): Promise<void> {
  const problem = bulletinCadenceProblem(input.every);
  const firstAt = new Date(input.firstAt);
  if (problem || Number.isNaN(firstAt.getTime())) {
    throw ApplicationFailure.create({
      type: 'InvalidBulletinSchedule',
      message: problem ?? `firstAt ${input.firstAt} is not an ISO instant`,
      nonRetryable: true,
    });
  }
  let last = input.lastPublishedAsOf ? new Date(input.lastPublishedAsOf) : undefined;

  for (;;) {
    if (workflowInfo().continueAsNewSuggested) {
      await continueAsNew<typeof ledgerBulletinWorkflow>({
        ledgerId: input.ledgerId,
        every: input.every,
        firstAt: input.firstAt,
        lastPublishedAsOf: last?.toISOString(),
      });
    }
    const due = nextBulletinDue(firstAt, input.every, last);
    const wait = due.getTime() - workflowNow().getTime();
    if (wait > 0) await sleep(wait);
    const { number } = await publishBulletin({
      ledgerId: input.ledgerId,
      asOf: due.toISOString(),
      trigger: 'schedule',
    });
    log.info('bulletin published', { ledgerId: input.ledgerId, asOf: due.toISOString(), number });
    last = due;
  }
}
