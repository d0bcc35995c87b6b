import { Module } from '@nestjs/common';
import { LedgerWorkbookController } from './ledger-workbook.controller';
import { LedgerWorkbookService } from './ledger-workbook.service';
import { RectificationsController } from './rectifications.controller';
import { RectificationsService } from './rectifications.service';

@Module({
  controllers: [RectificationsController, LedgerWorkbookController],
  providers: [RectificationsService, LedgerWorkbookService],
  exports: [RectificationsService],
})
export class RectificationsModule {}
