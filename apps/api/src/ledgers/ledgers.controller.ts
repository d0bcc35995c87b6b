import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Caller, Roles } from '../access/access.decorators';
import type { CurrentUser } from '../access/current-user';
import { ALL_ROLES } from '../access/role-sets';
import { CreateLedgerBody, LedgerIdParam, LedgerView } from './dto/ledger.dto';
import { LedgersService, ledgerView } from './ledgers.service';
import { LedgerOverviewView } from './dto/ledger-overview.dto';
import { LedgerOverviewService } from './ledger-overview.service';
import { IdempotentCommand } from '../common/idempotency/idempotent-command.decorator';

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
  @ApiOperation({
    summary: 'Create a rectification ledger (问题整改台账) with its ladder and bulletin cadence',
  })
  @ApiCreatedResponse({ type: LedgerView })
  create(@Caller() caller: CurrentUser, @Body() body: CreateLedgerBody): Promise<LedgerView> {
    return this.ledgers.create(caller, body);
  }

  @Get()
  @Roles(...ALL_ROLES)
  @ApiOkResponse({ type: [LedgerView] })
  list(): Promise<LedgerView[]> {
    return this.ledgers.list();
  }

  @Get(':id/overview')
  @Roles(...ALL_ROLES)
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
  @ApiOkResponse({ type: LedgerView })
  async get(@Param() params: LedgerIdParam): Promise<LedgerView> {
    return ledgerView(await this.ledgers.get(params.id));
  }
}
