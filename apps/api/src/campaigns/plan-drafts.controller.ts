import { Controller, HttpCode, Post, Query, UploadedFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CampaignPlanQueries } from '../../../../libs/database/src/campaign/campaign-plan.queries';
import { extractPlanDraft } from '../../../../libs/domain/src/campaign/plan-extraction';
import { Roles } from '../access/access.decorators';
import { ApiErrors } from '../common/errors/api-errors.decorator';
import { CommonErrors } from '../common/errors/common.errors';
import { FileUpload } from '../common/file-upload';
import { CampaignErrors } from './campaign.errors';
import { CampaignPlansService } from './campaign-plans.service';
import { PlanDraftQuery, PlanDraftView } from './dto/plan-draft.dto';
import { PLAN_DOCUMENT_LIMIT_BYTES, readPlanDocument, type UploadedDocument } from './plan-document-file';

/**
 * Drafts of plans from written documents. Reading an upload changes nothing (no row, no audit
 * entry, no workflow): it is not a command and takes no Idempotency-Key. The draft is saved, once
 * a person has checked it, with the existing POST /api/campaigns.
 */
@ApiTags('campaigns')
@ApiBearerAuth()
@Controller('campaigns/drafts')
export class PlanDraftsController {
  constructor(
    private readonly queries: CampaignPlanQueries,
    private readonly plans: CampaignPlansService,
  ) {}

  @Post('from-document')
  @HttpCode(200)
  @Roles('command-center', 'admin')
  @FileUpload(PLAN_DOCUMENT_LIMIT_BYTES)
  @ApiOperation({
    summary:
      'A draft plan from a written 实施方案 (.docx, or .txt in UTF-8 or GB18030): every field with its source sentence and confidence, unknown unit names, and what plan validation says of it. Saves nothing.',
  })
  @ApiOkResponse({ type: PlanDraftView })
  @ApiErrors(CommonErrors.pick('FILE_MISSING'), CampaignErrors.pick('DOCUMENT_UNREADABLE'))
  async fromDocument(
    @UploadedFile() file: UploadedDocument | undefined,
    @Query() query: PlanDraftQuery,
  ): Promise<PlanDraftView> {
    const text = await readPlanDocument(file);
    const [units, context] = await Promise.all([this.queries.unitTree(), this.plans.planContext()]);
    const fileName = file?.originalname ?? '';
    const draft = extractPlanDraft({ text, units, year: query.year, fileName, context });
    return { ...draft, document: { ...draft.document }, fileName };
  }
}
