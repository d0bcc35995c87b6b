import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { Connection } from '@temporalio/client';
import { Environment } from '../../../../libs/config/src/environment';
import { TEMPORAL_CONNECTION } from '../../../../libs/temporal/src/temporal.tokens';

/** Temporal is ready when its frontend answers for our namespace within two seconds. */
@Injectable()
export class TemporalHealthIndicator {
  constructor(
    private readonly health: HealthIndicatorService,
    @Inject(TEMPORAL_CONNECTION) private readonly connection: Connection,
    private readonly env: Environment,
  ) {}

  async check(key: string) {
    const indicator = this.health.check(key);
    try {
      await this.connection.withDeadline(Date.now() + 2000, () =>
        this.connection.workflowService.describeNamespace({ namespace: this.env.TEMPORAL_NAMESPACE }),
      );
      return indicator.up();
    } catch (error) {
      return indicator.down({ message: (error as Error).message });
    }
  }
}
