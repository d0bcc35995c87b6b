import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Caller, Roles } from '../access/access.decorators';
import type { CurrentUser } from '../access/current-user';
import { ALL_ROLES } from '../access/role-sets';
import { ApiErrors } from '../common/errors/api-errors.decorator';
import { sendWorkbook, XLSX_MEDIA_TYPE } from '../common/send-workbook';
import { DocumentsService } from '../documents/documents.service';
import { HtmlDocument } from '../documents/html-document.decorator';
import { battleMapTitle, renderBattleMapHtml, renderBattleMapXlsx } from '../documents/report-documents';
import { CampaignErrors } from './campaign.errors';
import { CampaignIdParam } from './dto/campaign.dto';
import { CampaignProgressView } from './dto/progress-view.dto';
import { ProgressService } from './progress.service';

/** The battle map (挂图作战): every role; a department only for a campaign that names its unit. */
@ApiTags('campaigns')
@ApiBearerAuth()
@Controller('campaigns')
export class ProgressController {
  constructor(
    private readonly progress: ProgressService,
    private readonly documents: DocumentsService,
  ) {}

  @Get(':id/progress')
  @Roles(...ALL_ROLES)
  @ApiOperation({
    summary:
      'The battle map in data: goals against targets, every task with status, percentage, deadline, days left or overdue, escalation level, lead and cooperating units; pledges; counts',
  })
  @ApiOkResponse({ type: CampaignProgressView })
  @ApiErrors(CampaignErrors.pick('CAMPAIGN_NOT_FOUND'))
  get(@Caller() caller: CurrentUser, @Param() params: CampaignIdParam): Promise<CampaignProgressView> {
    return this.progress.progress(caller, params.id);
  }

  @Get(':id/progress/html')
  @Roles(...ALL_ROLES)
  @HtmlDocument()
  @ApiOperation({
    summary:
      'The battle map as a printable A4 document (挂图作战表: tasks with deadlines as written, goals, ranking, pledges)',
  })
  @ApiErrors(CampaignErrors.pick('CAMPAIGN_NOT_FOUND'))
  async html(@Caller() caller: CurrentUser, @Param() params: CampaignIdParam): Promise<string> {
    const map = await this.progress.progress(caller, params.id);
    return renderBattleMapHtml(map, { issuingOffice: (await this.documents.issuingOffice()).name });
  }

  @Get(':id/progress/xlsx')
  @Roles(...ALL_ROLES)
  @ApiOperation({
    summary:
      'The battle map as an XLSX workbook (任务推进, 目标完成, 各单位排名, 责任状), deadlines as written',
  })
  @ApiProduces(XLSX_MEDIA_TYPE)
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  @ApiErrors(CampaignErrors.pick('CAMPAIGN_NOT_FOUND'))
  async xlsx(
    @Caller() caller: CurrentUser,
    @Param() params: CampaignIdParam,
    @Res() response: FastifyReply,
  ): Promise<void> {
    const map = await this.progress.progress(caller, params.id);
    sendWorkbook(response, `${battleMapTitle(map)}.xlsx`, await renderBattleMapXlsx(map));
  }
}
