import { Module } from '@nestjs/common';
import { UnitTasksController } from './unit-tasks.controller';
import { UnitTasksService } from './unit-tasks.service';
import { UnitsController } from './units.controller';
import { UnitsService } from './units.service';

@Module({
  controllers: [UnitsController, UnitTasksController],
  providers: [UnitsService, UnitTasksService],
  exports: [UnitsService],
})
export class UnitsModule {}
