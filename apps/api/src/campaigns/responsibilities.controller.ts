import { Controller, Get, Headers, Param, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Caller, Roles } from '../access/access.decorators';
import type { CurrentUser } from '../access/current-user';
import { ALL_ROLES } from '../access/role-sets';
import { ApiErrors } from '../common/errors/api-errors.decorator';
import { XLSX_MEDIA_TYPE } from '../common/send-workbook';
import { CampaignErrors } from './campaign.errors';
import { CampaignIdParam } from './dto/campaign.dto';
import { ResponsibilitiesQuery, ResponsibilitiesView } from './dto/responsibilities-view.dto';
import { ResponsibilitiesService, wantsWorkbook, workbookFile } from './responsibilities.service';

/** 责任清单 of a campaign: every role; a department gets its own unit's rows. */
@ApiTags('campaigns')
@ApiBearerAuth()
@Controller('campaigns')
export class ResponsibilitiesController {
  constructor(private readonly responsibilities: ResponsibilitiesService) {}

  @Get(':id/responsibilities')
  @Roles(...ALL_ROLES)
  @ApiOperation({
    summary:
      'Responsibility list (责任清单): task → lead and cooperating units with their pledge status, task status, deadline, escalation; `?format=xlsx` or `Accept: ' +
      XLSX_MEDIA_TYPE +
      '` downloads it; a department gets the rows its unit leads or cooperates on',
  })
  @ApiProduces('application/json', XLSX_MEDIA_TYPE)
  @ApiOkResponse({ type: ResponsibilitiesView })
  @ApiErrors(CampaignErrors.pick('CAMPAIGN_NOT_FOUND'))
  async get(
    @Caller() caller: CurrentUser,
    @Param() params: CampaignIdParam,
    @Query() query: ResponsibilitiesQuery,
    @Headers('accept') accept: string | undefined,
  ): Promise<ResponsibilitiesView | StreamableFile> {
    if (!wantsWorkbook(query.format, accept)) return this.responsibilities.list(caller, params.id);
    const { fileName, content } = await this.responsibilities.workbook(caller, params.id);
    return workbookFile(fileName, 'responsibilities.xlsx', content);
  }
}
