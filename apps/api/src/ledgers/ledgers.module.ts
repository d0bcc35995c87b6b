import { Module } from '@nestjs/common';
import { LedgersController } from './ledgers.controller';
import { LedgerOverviewService } from './ledger-overview.service';
import { LedgersService } from './ledgers.service';

@Module({
  controllers: [LedgersController],
  providers: [LedgersService, LedgerOverviewService],
  exports: [LedgersService],
})
export class LedgersModule {}
