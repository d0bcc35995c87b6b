import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { Connection } from '@temporalio/client';
import { Environment } from '../../../../libs/config/src/environment';
import { TEMPORAL_CONNECTION } from '../../../../libs/temporal/src/temporal.tokens';
import { TEMPORAL_PROBE_DEADLINE_MS } from '../common/workflow-wait';

/**
 * A worker is there when one has polled the task queue's workflow tasks within
 * WORKER_POLL_STALE_SECONDS (DescribeTaskQueue: each poller's last access). An idle worker's poll
 * is held by the server for its long-poll interval and then renewed, so a live worker's last access
 * is never older than that interval; a killed one's only grows.
 */
@Injectable()
export class WorkerHealthIndicator {
  constructor(
    private readonly health: HealthIndicatorService,
    private readonly env: Environment,
    @Inject(TEMPORAL_CONNECTION) private readonly connection: Connection,
  ) {}

  async check(key: string) {
    const indicator = this.health.check(key);
    const staleMs = this.env.WORKER_POLL_STALE_SECONDS * 1000;
    let lastPollAgoMs: number | undefined;
    try {
      const { pollers } = await this.connection.withDeadline(Date.now() + TEMPORAL_PROBE_DEADLINE_MS, () =>
        this.connection.workflowService.describeTaskQueue({
          namespace: this.env.TEMPORAL_NAMESPACE,
          taskQueue: { name: this.env.TEMPORAL_TASK_QUEUE },
        }),
      );
      const last = Math.max(
        ...pollers.map(
          (p) => Number(p.lastAccessTime?.seconds ?? 0) * 1000 + (p.lastAccessTime?.nanos ?? 0) / 1e6,
        ),
      );
      if (Number.isFinite(last)) lastPollAgoMs = Math.max(0, Date.now() - last);
    } catch {
      return indicator.down({ message: 'task queue could not be described' });
    }
    if (lastPollAgoMs !== undefined && lastPollAgoMs <= staleMs) return indicator.up();
    return indicator.down({
      message:
        lastPollAgoMs === undefined
          ? `no worker has polled task queue ${this.env.TEMPORAL_TASK_QUEUE}`
          : `no worker has polled task queue ${this.env.TEMPORAL_TASK_QUEUE} for ${Math.round(lastPollAgoMs / 1000)} s (bound ${this.env.WORKER_POLL_STALE_SECONDS} s)`,
    });
  }
}
