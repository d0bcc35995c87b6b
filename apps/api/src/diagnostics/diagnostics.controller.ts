import { Body, Controller, Get, HttpCode, Logger, Param, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../access/access.decorators';
import { ApiErrors } from '../common/errors/api-errors.decorator';
import { CommonErrors } from '../common/errors/common.errors';
import { DiagnosticsErrors } from './diagnostics.errors';
import { DiagnosticsService } from './diagnostics.service';
import { RoundTripIdParam, RoundTripStarted, RoundTripView, StartRoundTripBody } from './dto/round-trip.dto';
import { IdempotentCommand } from '../common/idempotency/idempotent-command.decorator';

@ApiTags('diagnostics')
@ApiBearerAuth()
@Roles('admin')
@Controller('diagnostics/round-trips')
export class DiagnosticsController {
  private readonly logger = new Logger(DiagnosticsController.name);

  constructor(private readonly diagnostics: DiagnosticsService) {}

  @Post()
  @IdempotentCommand()
  @HttpCode(202)
  @ApiOperation({ summary: 'Start an end-to-end check: a workflow whose activity writes a row to Postgres' })
  @ApiAcceptedResponse({ type: RoundTripStarted })
  @ApiErrors(CommonErrors.pick('TEMPORAL_UNAVAILABLE', 'WORKER_UNAVAILABLE'))
  async start(@Body() body: StartRoundTripBody): Promise<RoundTripStarted> {
    const started = await this.diagnostics.startRoundTrip();
    this.logger.log({ workflowId: started.workflowId, note: body.note }, 'round trip started');
    return started;
  }

  @Get(':id')
  @ApiOperation({ summary: 'The row the check wrote; 404 until the worker has run it' })
  @ApiOkResponse({ type: RoundTripView })
  @ApiErrors(DiagnosticsErrors.pick('ROUND_TRIP_NOT_RECORDED'))
  find(@Param() params: RoundTripIdParam): Promise<RoundTripView> {
    return this.diagnostics.findRoundTrip(params.id);
  }
}
