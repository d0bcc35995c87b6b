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
import { ItemIdParam } from './dto/rectification.dto';
import { RectificationNoticesService } from './rectification-notices.service';
import { RectificationErrors } from './rectification.errors';

export class NoticeParams extends ItemIdParam {
  @ApiProperty({ format: 'uuid' }) @IsUUID() noticeId!: string;
}

@ApiTags('rectifications')
@ApiBearerAuth()
@Controller()
export class RectificationNoticesController {
  constructor(private readonly notices: RectificationNoticesService) {}

  @Get('rectifications/:id/notices/xlsx')
  @Roles(...ALL_ROLES)
  @ApiErrors(RectificationErrors.pick('ITEM_NOT_FOUND'))
  @ApiOperation({
    summary: "The item's notices (催办单, 督办单 …) as an XLSX table, deadlines and reply as written",
  })
  @ApiProduces(XLSX_MEDIA_TYPE)
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  async xlsx(
    @Caller() caller: CurrentUser,
    @Param() params: ItemIdParam,
    @Res() response: FastifyReply,
  ): Promise<void> {
    const { item, notices } = await this.notices.all(caller, params.id);
    const title = `问题 ${item.number} 督办通知`;
    sendWorkbook(
      response,
      `${title}.xlsx`,
      await renderNoticesXlsx(
        title,
        notices.map((n) => n.document),
      ),
    );
  }

  @Get('rectifications/:id/notices/:noticeId/html')
  @Roles(...ALL_ROLES)
  @ApiErrors(RectificationErrors.pick('ITEM_NOT_FOUND', 'NOTICE_NOT_FOUND'))
  @HtmlDocument()
  @ApiOperation({
    summary:
      'One notice as a printable A4 document: 文号, responsible unit, the matter, deadlines as written, 反馈 by when',
  })
  async html(@Caller() caller: CurrentUser, @Param() params: NoticeParams): Promise<string> {
    return renderNoticeHtml(await this.notices.one(caller, params.id, params.noticeId));
  }
}
