import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { Connection } from '@temporalio/client';
import { TEMPORAL_PROBE_DEADLINE_MS, temporalAnswers } from '../common/workflow-wait';
import { TEMPORAL_CONNECTION } from '../../../../libs/temporal/src/temporal.tokens';

/**
 * Temporal is ready when its frontend answers within one second (`getSystemInfo`, with a gRPC
 * deadline: the client's retries of an unreachable server stay inside it).
 */
@Injectable()
export class TemporalHealthIndicator {
  constructor(
    private readonly health: HealthIndicatorService,
    @Inject(TEMPORAL_CONNECTION) private readonly connection: Connection,
  ) {}

  async check(key: string) {
    const indicator = this.health.check(key);
    if (await temporalAnswers({ connection: this.connection })) return indicator.up();
    return indicator.down({ message: `no answer within ${TEMPORAL_PROBE_DEADLINE_MS} ms` });
  }
}
