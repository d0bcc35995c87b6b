import { Controller, Get, Param, Post, Res, UploadedFile } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Caller, Roles } from '../access/access.decorators';
import type { CurrentUser } from '../access/current-user';
import { ALL_ROLES } from '../access/role-sets';
import { ApiErrors } from '../common/errors/api-errors.decorator';
import { CommonErrors, WORKFLOW_COMMAND_ERRORS } from '../common/errors/common.errors';
import { sendEvidence } from '../common/evidence/evidence-files';
import { EVIDENCE_FILE_ERRORS, EVIDENCE_MAX_BYTES } from '../common/evidence-rules';
import { FileUpload } from '../common/file-upload';
import { IdempotentCommand } from '../common/idempotency/idempotent-command.decorator';
import { EvidenceParams, ItemIdParam } from './dto/rectification.dto';
import { ItemDetailView } from './dto/rectification-view.dto';
import { ItemEvidenceService } from './item-evidence.service';
import { itemStepErrors, RectificationErrors } from './rectification.errors';

/** Evidence (佐证材料) of an item: the responsible unit attaches it, whoever may see the item downloads it. */
@ApiTags('rectifications')
@ApiBearerAuth()
@Controller('rectifications/:id/evidence')
export class ItemEvidenceController {
  constructor(private readonly files: ItemEvidenceService) {}

  @Post()
  @IdempotentCommand()
  @Roles('department')
  @ApiErrors(itemStepErrors('ITEM_CLOSED'), WORKFLOW_COMMAND_ERRORS)
  @FileUpload(EVIDENCE_MAX_BYTES, EVIDENCE_FILE_ERRORS)
  @ApiOperation({
    summary:
      'Attach evidence (佐证材料): jpg, png, pdf, doc(x), xls(x), at most 10 MiB; kept with its SHA-256',
  })
  @ApiCreatedResponse({ type: ItemDetailView })
  evidence(
    @Caller() caller: CurrentUser,
    @Param() params: ItemIdParam,
    @UploadedFile() file: { originalname: string; mimetype: string; buffer: Buffer } | undefined,
  ): Promise<ItemDetailView> {
    return this.files.attach(caller, params.id, file);
  }

  @Get(':evidenceId')
  @Roles(...ALL_ROLES)
  @ApiErrors(RectificationErrors.pick('ITEM_NOT_FOUND'), CommonErrors.pick('EVIDENCE_NOT_FOUND'))
  @ApiOperation({ summary: 'Download a piece of evidence' })
  async download(
    @Caller() caller: CurrentUser,
    @Param() params: EvidenceParams,
    @Res() response: FastifyReply,
  ): Promise<void> {
    sendEvidence(response, await this.files.content(caller, params.id, params.evidenceId));
  }
}
