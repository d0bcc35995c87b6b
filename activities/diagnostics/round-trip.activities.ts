import * as os from 'node:os';
import { activityInfo, log } from '@temporalio/activity';
import { DataSource } from 'typeorm';
import type { RoundTripInput, RoundTripResult } from '../../libs/contracts/src/diagnostics/round-trip';
import { RoundTripCheck } from '../../libs/database/src/diagnostics/round-trip-check.entity';

export function createRoundTripActivities(dataSource: DataSource) {
  return {
    /** Writes the round-trip row; a retried attempt finds it written and changes nothing. */
    async recordRoundTrip(input: RoundTripInput): Promise<RoundTripResult> {
      const info = activityInfo();
      const row: RoundTripCheck = {
        id: input.checkId,
        workflowId: info.workflowExecution?.workflowId ?? 'standalone-activity',
        requestedAt: new Date(input.requestedAt),
        recordedAt: new Date(),
        recordedBy: `${os.hostname()}:${process.pid}`,
      };
      await dataSource.createQueryBuilder().insert().into(RoundTripCheck).values(row).orIgnore().execute();
      const stored = await dataSource.getRepository(RoundTripCheck).findOneByOrFail({ id: input.checkId });
      log.info('round trip recorded', { checkId: input.checkId });
      return { checkId: stored.id, recordedBy: stored.recordedBy };
    },
  };
}
