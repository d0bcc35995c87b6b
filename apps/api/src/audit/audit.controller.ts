import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../access/access.decorators';
import { AuditService } from './audit.service';
import { AuditEntryView, AuditPage, AuditQuery, ChainVerdictView } from './dto/audit.dto';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @Roles('admin', 'command-center', 'leadership', 'inspector')
  @ApiOperation({ summary: 'History of one object, oldest first' })
  @ApiOkResponse({ type: AuditPage })
  async history(@Query() query: AuditQuery): Promise<AuditPage> {
    const { total, items } = await this.audit.history(query.subject, query.page, query.pageSize);
    return {
      total,
      items: items.map((e): AuditEntryView => ({
        seq: e.seq,
        occurredAt: e.occurredAt.toISOString(),
        actorId: e.actorId,
        actorName: e.actorName,
        actorUnit: e.actorUnit,
        actorRoles: e.actorRoles,
        action: e.action,
        subject: e.subject,
        before: e.before,
        after: e.after,
        reason: e.reason,
        hash: e.hash,
      })),
    };
  }

  @Get('verify')
  @Roles('admin', 'leadership')
  @ApiOperation({ summary: 'Recompute the hash chain; names the first entry changed or removed' })
  @ApiOkResponse({ type: ChainVerdictView })
  verify(): Promise<ChainVerdictView> {
    return this.audit.verify();
  }
}
