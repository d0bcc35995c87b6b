import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Caller, Roles } from '../access/access.decorators';
import type { CurrentUser } from '../access/current-user';
import { ALL_ROLES } from '../access/role-sets';
import { MonthlyReportQuery, ProgrammeIdParam } from './dto/programme.dto';
import { MonthlyReportView, ProgrammeProgressView } from './dto/housing-view.dto';
import { HousingReportService } from './housing-report.service';

@ApiTags('housing')
@ApiBearerAuth()
@Controller('housing')
export class HousingReportController {
  constructor(private readonly reports: HousingReportService) {}

  @Get('report')
  @Roles(...ALL_ROLES)
  @ApiOperation({
    summary:
      'Monthly report: households started and completed in the month and cumulatively, by township; registered-poor share',
  })
  @ApiOkResponse({ type: MonthlyReportView })
  monthly(@Caller() caller: CurrentUser, @Query() query: MonthlyReportQuery): Promise<MonthlyReportView> {
    return this.reports.monthly(caller, query.programme, query.month);
  }

  @Get('programmes/:id/progress')
  @Roles(...ALL_ROLES)
  @ApiOperation({
    summary: 'Counts by stage and township, overdue households by stage, stalled and escalated households',
  })
  @ApiOkResponse({ type: ProgrammeProgressView })
  progress(@Caller() caller: CurrentUser, @Param() params: ProgrammeIdParam): Promise<ProgrammeProgressView> {
    return this.reports.progress(caller, params.id);
  }
}
