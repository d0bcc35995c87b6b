import { Body, Controller, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Caller, Roles } from '../access/access.decorators';
import type { CurrentUser } from '../access/current-user';
import { ApiErrors } from '../common/errors/api-errors.decorator';
import { CommonErrors } from '../common/errors/common.errors';
import { IdempotentCommand } from '../common/idempotency/idempotent-command.decorator';
import { LedgerIdParam } from '../ledgers/dto/ledger.dto';
import { LedgerErrors } from '../ledgers/ledger.errors';
import { RegisterItemBody } from './dto/rectification.dto';
import { ItemDetailView } from './dto/rectification-view.dto';
import { ItemRegistrationService } from './item-registration.service';
import { RectificationErrors } from './rectification.errors';

/** Registering a problem in a ledger (one at a time; a whole workbook is ledger-workbook.controller.ts). */
@ApiTags('rectifications')
@ApiBearerAuth()
@Controller('ledgers/:id/items')
export class ItemRegistrationController {
  constructor(private readonly registration: ItemRegistrationService) {}

  @Post()
  @IdempotentCommand()
  @Roles('inspector', 'command-center')
  @ApiErrors(
    LedgerErrors.pick('LEDGER_NOT_FOUND'),
    RectificationErrors.pick('REGISTRATION_PENDING'),
    CommonErrors.pick('TEMPORAL_UNAVAILABLE', 'WORKFLOW_SERVICE_UNAVAILABLE'),
  )
  @ApiOperation({
    summary: 'Register a problem: one plan, one responsible person, two deadlines; starts its workflow',
  })
  @ApiCreatedResponse({ type: ItemDetailView })
  register(
    @Caller() caller: CurrentUser,
    @Param() params: LedgerIdParam,
    @Body() body: RegisterItemBody,
  ): Promise<ItemDetailView> {
    return this.registration.register(caller, params.id, body);
  }
}
