import * as os from 'node:os';
import { activityInfo, log } from '@temporalio/activity';
import { DataSource } from 'typeorm';
import type { RoundTripInput, RoundTripResult } from '../../libs/contracts/src/diagnostics/round-trip';
import { RoundTripQueries } from '../../libs/database/src/diagnostics/round-trip.queries';

export function createRoundTripActivities(dataSource: DataSource) {
  const checks = new RoundTripQueries(dataSource.manager);
  return {
    /** Writes the round-trip row; a retried attempt finds it written and changes nothing. */
    async recordRoundTrip(input: RoundTripInput): Promise<RoundTripResult> {
      const info = activityInfo();
      const stored = await checks.recordOnce({
        id: input.checkId,
        workflowId: info.workflowExecution?.workflowId ?? 'standalone-activity',
        requestedAt: new Date(input.requestedAt),
        recordedAt: new Date(),
        recordedBy: `${os.hostname()}:${process.pid}`,
      });
      log.info('round trip recorded', { checkId: input.checkId });
      return { checkId: stored.id, recordedBy: stored.recordedBy };
    },
  };
}
