import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Caller, Roles } from '../access/access.decorators';
import type { CurrentUser } from '../access/current-user';
import { ALL_ROLES } from '../access/role-sets';
import { ApiErrors } from '../common/errors/api-errors.decorator';
import { CalendarService } from './calendar.service';
import { CalendarYearView, ReplaceYearBody, YearParam } from './dto/calendar.dto';
import { IdempotentCommand } from '../common/idempotency/idempotent-command.decorator';

/** The working-day calendar: public holidays and make-up working days (调休) per year. */
@ApiTags('calendar')
@ApiBearerAuth()
@Controller('calendar')
export class CalendarController {
  constructor(private readonly calendar: CalendarService) {}

  @Get(':year')
  @Roles(...ALL_ROLES)
  @ApiErrors()
  @ApiOperation({ summary: 'A year’s holidays and make-up working days, and whether the year is known' })
  @ApiOkResponse({ type: CalendarYearView })
  year(@Param() params: YearParam): Promise<CalendarYearView> {
    return this.calendar.year(params.year);
  }

  @Put(':year')
  @IdempotentCommand()
  @Roles('admin')
  @ApiErrors()
  @ApiOperation({
    summary:
      'Replace a year’s holidays and make-up working days and mark the year known; every problem is named at once',
  })
  @ApiOkResponse({ type: CalendarYearView })
  replace(
    @Caller() caller: CurrentUser,
    @Param() params: YearParam,
    @Body() body: ReplaceYearBody,
  ): Promise<CalendarYearView> {
    return this.calendar.replace(caller, params.year, body);
  }
}
