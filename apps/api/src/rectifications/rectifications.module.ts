import { Module } from '@nestjs/common';
import { LedgerWorkbookController } from './ledger-workbook.controller';
import { LedgerWorkbookService } from './ledger-workbook.service';
import { RectificationNoticesController } from './rectification-notices.controller';
import { RectificationNoticesService } from './rectification-notices.service';
import { RectificationsController } from './rectifications.controller';
import { RectificationsService } from './rectifications.service';

@Module({
  controllers: [RectificationsController, LedgerWorkbookController, RectificationNoticesController],
  providers: [RectificationsService, LedgerWorkbookService, RectificationNoticesService],
  exports: [RectificationsService],
})
export class RectificationsModule {}
