import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { PinoLogger } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import { reconcileHouseholds } from '../../../activities/housing/household-reconciler';
import { Environment } from '../../../libs/config/src/environment';
import { TEMPORAL_CLIENT } from '../../../libs/temporal/src/temporal.tokens';

/** The first pass after a start looks this far back: the crash that left a row ahead may have taken the worker too. */
const FIRST_PASS_MINUTES = 24 * 60;

/**
 * Keeps the households' read model from running ahead of their workflows. A household step is
 * projected by a local activity inside the update's workflow task, so a server that dies before
 * that task completes leaves the row at a version the workflow never reached (the client got no
 * 2xx: an update's result comes back only after its workflow task completed). Every
 * RECONCILE_INTERVAL_SECONDS this pass compares the rows changed in the last
 * RECONCILE_WINDOW_MINUTES with their workflows' state and rewrites any row that is ahead; the
 * first pass after start looks back a day. A repaired row is within one interval of the crash
 * (plus the worker's own restart), provided a worker runs. A row found in step is not asked about
 * again until it changes (`inStep`).
 */
@Injectable()
export class HouseholdReconcilerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private pass?: Promise<void>;
  /** The rows the last pass found in step with their workflows, by version: not asked again until changed. */
  private inStep = new Map<string, number>();

  constructor(
    private readonly env: Environment,
    private readonly dataSource: DataSource,
    private readonly logger: PinoLogger,
    @Inject(TEMPORAL_CLIENT) private readonly client: Client,
  ) {}

  onApplicationBootstrap(): void {
    if (this.env.RECONCILE_INTERVAL_SECONDS === 0) return;
    this.run(FIRST_PASS_MINUTES);
    this.timer = setInterval(
      () => this.run(this.env.RECONCILE_WINDOW_MINUTES),
      this.env.RECONCILE_INTERVAL_SECONDS * 1000,
    );
    this.timer.unref();
  }

  private run(changedWithinMinutes: number): void {
    if (this.pass) return; // the previous pass is still going
    this.pass = reconcileHouseholds(
      { dataSource: this.dataSource, client: this.client },
      { changedWithinMinutes, inStep: this.inStep },
    )
      .then((report) => {
        this.inStep = report.inStep;
        if (report.repaired.length > 0 || report.unanswered.length > 0)
          this.logger.warn(
            { repaired: report.repaired, unanswered: report.unanswered.length, checked: report.checked },
            'household read model reconciled with the workflows',
          );
      })
      .catch((error: unknown) => this.logger.error({ err: error }, 'household reconciliation pass failed'))
      .finally(() => {
        this.pass = undefined;
      });
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.pass;
  }
}
