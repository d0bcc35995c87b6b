import { Controller, Get, Param, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiProperty,
  ApiTags,
} from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { Caller, Roles } from '../access/access.decorators';
import { HtmlDocument } from '../documents/html-document.decorator';
import type { CurrentUser } from '../access/current-user';
import { ALL_ROLES } from '../access/role-sets';
import { ApiErrors } from '../common/errors/api-errors.decorator';
import { sendWorkbook, XLSX_MEDIA_TYPE } from '../common/send-workbook';
import { renderNoticeHtml, renderNoticesXlsx } from '../documents/notice-document';
import { CampaignErrors } from './campaign.errors';
import { CampaignNoticesService } from './campaign-notices.service';
import { TaskParams } from './dto/campaign.dto';

export class TaskNoticeParams extends TaskParams {
  @ApiProperty({ format: 'uuid' }) @IsUUID() noticeId!: string;
}

@ApiTags('campaigns')
@ApiBearerAuth()
@Controller('campaigns/:id/tasks/:key/notices')
export class CampaignNoticesController {
  constructor(private readonly notices: CampaignNoticesService) {}

  @Get('xlsx')
  @Roles(...ALL_ROLES)
  @ApiOperation({ summary: "The task's escalation notices as an XLSX table, deadlines and reply as written" })
  @ApiProduces(XLSX_MEDIA_TYPE)
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  @ApiErrors(CampaignErrors.pick('CAMPAIGN_NOT_FOUND', 'TASK_NOT_FOUND', 'NOT_YOUR_TASK'))
  async xlsx(
    @Caller() caller: CurrentUser,
    @Param() params: TaskParams,
    @Res() response: FastifyReply,
  ): Promise<void> {
    const { task, notices } = await this.notices.all(caller, params.id, params.key);
    const title = `任务 ${task.key} ${task.name} 督办通知`;
    sendWorkbook(
      response,
      `${title}.xlsx`,
      await renderNoticesXlsx(
        title,
        notices.map((n) => n.document),
      ),
    );
  }

  @Get(':noticeId/html')
  @Roles(...ALL_ROLES)
  @HtmlDocument()
  @ApiOperation({
    summary:
      'One escalation notice as a printable A4 document: 文号, unit, the task, deadline as written, 反馈 by when',
  })
  @ApiErrors(CampaignErrors.pick('CAMPAIGN_NOT_FOUND', 'TASK_NOT_FOUND', 'NOT_YOUR_TASK', 'NOTICE_NOT_FOUND'))
  async html(@Caller() caller: CurrentUser, @Param() params: TaskNoticeParams): Promise<string> {
    return renderNoticeHtml(await this.notices.one(caller, params.id, params.key, params.noticeId));
  }
}
