import { Module } from '@nestjs/common';
import { ItemCommentsService } from './item-comments.service';
import { ItemEvidenceController } from './item-evidence.controller';
import { ItemEvidenceService } from './item-evidence.service';
import { ItemOversightController } from './item-oversight.controller';
import { ItemRegistrationController } from './item-registration.controller';
import { ItemRegistrationService } from './item-registration.service';
import { ItemStepsController } from './item-steps.controller';
import { ItemStepsService } from './item-steps.service';
import { LedgerWorkbookController } from './ledger-workbook.controller';
import { LedgerWorkbookService } from './ledger-workbook.service';
import { RectificationNoticesController } from './rectification-notices.controller';
import { RectificationNoticesService } from './rectification-notices.service';
import { RectificationsController } from './rectifications.controller';
import { RectificationsService } from './rectifications.service';

@Module({
  controllers: [
    ItemRegistrationController,
    RectificationsController,
    ItemStepsController,
    ItemOversightController,
    ItemEvidenceController,
    LedgerWorkbookController,
    RectificationNoticesController,
  ],
  providers: [
    RectificationsService,
    ItemRegistrationService,
    ItemStepsService,
    ItemEvidenceService,
    ItemCommentsService,
    LedgerWorkbookService,
    RectificationNoticesService,
  ],
  exports: [RectificationsService],
})
export class RectificationsModule {}
