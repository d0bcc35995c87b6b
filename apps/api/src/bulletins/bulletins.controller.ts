import { Controller, Get, Param, Post, StreamableFile } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { BulletinPayload } from '../../../../libs/domain/src/rectification/bulletin';
import { Caller, Roles } from '../access/access.decorators';
import { HtmlDocument } from '../documents/html-document.decorator';
import type { CurrentUser } from '../access/current-user';
import { ALL_ROLES } from '../access/role-sets';
import { ApiErrors } from '../common/errors/api-errors.decorator';
import { LedgerErrors } from '../ledgers/ledger.errors';
import { BulletinErrors } from './bulletin.errors';
import { renderBulletinHtml } from './bulletin-html';
import { XLSX_MEDIA_TYPE } from '../common/send-workbook';
import { renderBulletinXlsx } from './bulletin-xlsx';
import { BulletinsService } from './bulletins.service';
import {
  BulletinIdParam,
  BulletinSummaryView,
  BulletinView,
  LedgerBulletinsParam,
  PublishedBulletinView,
} from './dto/bulletin.dto';
import { IdempotentCommand } from '../common/idempotency/idempotent-command.decorator';

/**
 * The bulletins of rectification ledgers (一周一通报). Bulletins are county-wide public documents:
 * every role reads them; the command center and inspectors publish one on demand.
 */
@ApiTags('bulletins')
@ApiBearerAuth()
@Controller()
export class BulletinsController {
  constructor(private readonly bulletins: BulletinsService) {}

  @Get('ledgers/:ledgerId/bulletins')
  @Roles(...ALL_ROLES)
  @ApiErrors(LedgerErrors.pick('LEDGER_NOT_FOUND'))
  @ApiOperation({ summary: "The ledger's bulletins, newest first (第 n 期)" })
  @ApiOkResponse({ type: [BulletinSummaryView] })
  list(@Param() params: LedgerBulletinsParam): Promise<BulletinSummaryView[]> {
    return this.bulletins.list(params.ledgerId);
  }

  @Post('ledgers/:ledgerId/bulletins')
  @IdempotentCommand()
  @Roles('command-center', 'inspector')
  @ApiErrors(LedgerErrors.pick('LEDGER_NOT_FOUND'))
  @ApiOperation({
    summary:
      'Publish a bulletin of the ledger now, on demand (numbered after the last one, frozen once published)',
  })
  @ApiCreatedResponse({ type: PublishedBulletinView })
  publish(
    @Caller() caller: CurrentUser,
    @Param() params: LedgerBulletinsParam,
  ): Promise<PublishedBulletinView> {
    return this.bulletins.publish(caller, params.ledgerId);
  }

  @Get('bulletins/:id')
  @Roles(...ALL_ROLES)
  @ApiErrors(BulletinErrors.pick('BULLETIN_NOT_FOUND'))
  @ApiOperation({
    summary: 'One bulletin with its frozen payload (totals, unit ranking, overdue and criticised items)',
  })
  @ApiOkResponse({ type: BulletinView })
  get(@Param() params: BulletinIdParam): Promise<BulletinView> {
    return this.bulletins.view(params.id);
  }

  @Get('bulletins/:id/xlsx')
  @Roles(...ALL_ROLES)
  @ApiErrors(BulletinErrors.pick('BULLETIN_NOT_FOUND'))
  @ApiOperation({ summary: 'The bulletin as an XLSX workbook (sheets 汇总, 各单位排名, 逾期问题, 通报批评)' })
  @ApiProduces(XLSX_MEDIA_TYPE)
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  async xlsx(@Param() params: BulletinIdParam): Promise<StreamableFile> {
    const bulletin = await this.bulletins.get(params.id);
    const payload = bulletin.payload as unknown as BulletinPayload;
    const content = await renderBulletinXlsx(payload, {
      trigger: bulletin.trigger,
      publishedAt: bulletin.createdAt,
    });
    const fileName = `${payload.ledger.name}-第${bulletin.number}期通报.xlsx`;
    return new StreamableFile(content, {
      type: XLSX_MEDIA_TYPE,
      length: content.length,
      disposition: `attachment; filename="bulletin-${bulletin.number}.xlsx"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
    });
  }

  @Get('bulletins/:id/html')
  @Roles(...ALL_ROLES)
  @ApiErrors(BulletinErrors.pick('BULLETIN_NOT_FOUND'))
  @HtmlDocument()
  @ApiOperation({ summary: 'The bulletin as a printable Chinese HTML page' })
  async html(@Param() params: BulletinIdParam): Promise<string> {
    const bulletin = await this.bulletins.get(params.id);
    return renderBulletinHtml(bulletin.payload as unknown as BulletinPayload, {
      trigger: bulletin.trigger,
      publishedAt: bulletin.createdAt,
      issuingOffice: await this.bulletins.defaultOffice(),
    });
  }
}
