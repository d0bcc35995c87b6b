import { log, proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import type { RoundTripInput, RoundTripResult } from '../../libs/contracts/src/diagnostics/round-trip';

const { recordRoundTrip } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds', maximumAttempts: 10 },
});

/** Proves the whole path works: API → Temporal → worker → activity → Postgres. */
export async function diagnosticRoundTripWorkflow(input: RoundTripInput): Promise<RoundTripResult> {
  log.info('diagnostic round trip started', { checkId: input.checkId });
  return recordRoundTrip(input);
}
