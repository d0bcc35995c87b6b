import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Caller, Roles } from '../access/access.decorators';
import type { CurrentUser } from '../access/current-user';
import { ALL_ROLES } from '../access/role-sets';
import { CreateLedgerBody, LedgerIdParam, LedgerView } from './dto/ledger.dto';
import { LedgersService, ledgerView } from './ledgers.service';
import { LedgerOverviewView } from './dto/ledger-overview.dto';
import { LedgerOverviewService } from './ledger-overview.service';
import { ApiErrors } from '../common/errors/api-errors.decorator';
import { CommonErrors } from '../common/errors/common.errors';
import { IdempotentCommand } from '../common/idempotency/idempotent-command.decorator';
import { LedgerErrors } from './ledger.errors';

@ApiTags('ledgers')
@ApiBearerAuth()
@Controller('ledgers')
export class LedgersController {
  constructor(
    private readonly ledgers: LedgersService,
    private readonly overviews: LedgerOverviewService,
  ) {}

  @Post()
  @IdempotentCommand()
  @Roles('inspector', 'command-center')
  @ApiErrors(CommonErrors.pick('TEMPORAL_UNAVAILABLE', 'WORKER_UNAVAILABLE'))
  @ApiOperation({
    summary: 'Create a rectification ledger (问题整改台账) with its ladder and bulletin cadence',
  })
  @ApiCreatedResponse({ type: LedgerView })
  create(@Caller() caller: CurrentUser, @Body() body: CreateLedgerBody): Promise<LedgerView> {
    return this.ledgers.create(caller, body);
  }

  @Get()
  @Roles(...ALL_ROLES)
  @ApiErrors()
  @ApiOkResponse({ type: [LedgerView] })
  list(): Promise<LedgerView[]> {
    return this.ledgers.list();
  }

  @Get(':id/overview')
  @Roles(...ALL_ROLES)
  @ApiErrors(LedgerErrors.pick('LEDGER_NOT_FOUND'))
  @ApiOperation({
    summary:
      'The ledger at a glance: items by status, responsible unit and escalation level, and the overdue items (a department: its own unit’s)',
  })
  @ApiOkResponse({ type: LedgerOverviewView })
  overview(@Caller() caller: CurrentUser, @Param() params: LedgerIdParam): Promise<LedgerOverviewView> {
    return this.overviews.overview(caller, params.id);
  }

  @Get(':id')
  @Roles(...ALL_ROLES)
  @ApiErrors(LedgerErrors.pick('LEDGER_NOT_FOUND'))
  @ApiOkResponse({ type: LedgerView })
  async get(@Param() params: LedgerIdParam): Promise<LedgerView> {
    return ledgerView(await this.ledgers.get(params.id));
  }
}
