import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { Public } from '../access/access.decorators';
import { ErrorBody } from '../common/error-body';
import { TemporalHealthIndicator } from './temporal.health';

@ApiTags('health')
@Public()
@Controller()
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly postgres: TypeOrmHealthIndicator,
    private readonly temporal: TemporalHealthIndicator,
  ) {}

  @Get('health')
  @ApiOperation({ summary: 'Liveness: the API process answers' })
  @ApiOkResponse({ schema: { example: { status: 'ok' } } })
  live() {
    return { status: 'ok' };
  }

  @Get('ready')
  @ApiOperation({
    summary: 'Readiness: Postgres and Temporal are reachable; a 503 names the one that is not',
  })
  @ApiOkResponse({ schema: { example: { status: 'ready', checks: { postgres: 'up', temporal: 'up' } } } })
  @ApiServiceUnavailableResponse({ type: ErrorBody })
  async ready() {
    const checks = {
      postgres: () => this.postgres.pingCheck('postgres', { timeout: 2000 }),
      temporal: () => this.temporal.check('temporal'),
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
      const down = Object.entries(details).filter(([, v]) => v.status !== 'up');
      throw new ServiceUnavailableException({
        code: 'NOT_READY',
        message: `服务未就绪：${down.map(([name]) => name).join('、')} 不可用`,
        details: Object.fromEntries(down.map(([name, v]) => [name, v.message ?? 'down'])),
      });
    }
  }
}
