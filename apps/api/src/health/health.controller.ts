import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { Public } from '../access/access.decorators';
import { ApiErrors } from '../common/errors/api-errors.decorator';
import { CommonErrors } from '../common/errors/common.errors';
import { HealthErrors } from './health.errors';
import { TemporalHealthIndicator } from './temporal.health';
import { WorkerHealthIndicator } from './worker.health';

@ApiTags('health')
@Public()
@Controller()
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly postgres: TypeOrmHealthIndicator,
    private readonly temporal: TemporalHealthIndicator,
    private readonly worker: WorkerHealthIndicator,
  ) {}

  @Get('health')
  @ApiOperation({
    summary: 'Liveness: the API process answers (needs neither Postgres, Temporal nor a worker)',
  })
  @ApiOkResponse({ schema: { example: { status: 'ok' } } })
  live() {
    return { status: 'ok' };
  }

  @Get('ready')
  @ApiOperation({
    summary:
      'Readiness: Postgres and Temporal are reachable and a worker polls the task queue (within WORKER_POLL_STALE_SECONDS); a 503 names what is not (WORKER_UNAVAILABLE when only the worker is missing)',
  })
  @ApiOkResponse({
    schema: { example: { status: 'ready', checks: { postgres: 'up', temporal: 'up', worker: 'up' } } },
  })
  @ApiErrors(HealthErrors.pick('NOT_READY'), CommonErrors.pick('WORKER_UNAVAILABLE'))
  async ready() {
    const checks = {
      postgres: () => this.postgres.pingCheck('postgres', { timeout: 2000 }),
      temporal: () => this.temporal.check('temporal'),
      worker: () => this.worker.check('worker'),
    };
    try {
      const result = await this.health.check(Object.values(checks));
      return {
        status: 'ready',
        checks: Object.fromEntries(Object.keys(result.details).map((k) => [k, 'up'])),
      };
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      const { details = {} } = error.getResponse() as {
        details?: Record<string, { status: string; message?: string }>;
      };
      // With Temporal away nothing can be said of the worker: only Temporal is named.
      const temporalDown = details.temporal?.status !== 'up';
      const down = Object.entries(details).filter(
        ([name, v]) => v.status !== 'up' && !(name === 'worker' && temporalDown),
      );
      const onlyWorker = down.length === 1 && down[0][0] === 'worker';
      const message = `服务未就绪：${down.map(([name]) => name).join('、')} 不可用`;
      const unavailable = Object.fromEntries(down.map(([name, v]) => [name, v.message ?? 'down']));
      throw onlyWorker
        ? CommonErrors.error('WORKER_UNAVAILABLE', message, unavailable)
        : HealthErrors.error('NOT_READY', message, unavailable);
    }
  }
}
