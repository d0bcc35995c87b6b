import { Injectable } from '@nestjs/common';
import type { BatchKind } from '../../../../libs/contracts/src/batch/batch';
import type { HousingProgramme } from '../../../../libs/database/src/housing/housing-programme.entity';
import { ProgrammeQueries } from '../../../../libs/database/src/housing/programmes.queries';
import { UnitQueries } from '../../../../libs/database/src/organisation/unit.queries';
import { readsWholeProgramme } from '../../../../libs/domain/src/housing/household-access';
import { isWithin } from '../../../../libs/domain/src/organisation/unit-tree';
import { readsAcrossUnits } from '../access/access-policy';
import type { CurrentUser } from '../access/current-user';
import { CampaignsService } from '../campaigns/campaigns.service';
import { CommonErrors } from '../common/errors/common.errors';
import { fieldInvalid } from '../common/validation-failed';
import { HousingErrors } from '../housing/housing.errors';
import { RectificationsService } from '../rectifications/rectifications.service';
import {
  BATCH_STEP_TYPES,
  type HouseholdBatchFilter,
  type ItemBatchFilter,
  type TaskBatchFilter,
} from './dto/batch.dto';

const otherUnit = (code: string) =>
  CommonErrors.error('OTHER_UNIT', `筛选条件中的单位 ${code} 不在本单位范围内`);

/**
 * The checks of a batch's filter and step, the same for the preview and the start: a caller who
 * reads only its own unit names no unit outside it (403: a department's filter never reaches other
 * units), and the step is one of the kind's.
 */
@Injectable()
export class BatchFilterCheck {
  constructor(
    private readonly programmes: ProgrammeQueries,
    private readonly units: UnitQueries,
    private readonly items: RectificationsService,
    private readonly campaigns: CampaignsService,
  ) {}

  /** The programme of a household filter (404 if there is none), its township and village within reach. */
  async programmeFor(caller: CurrentUser, filter: HouseholdBatchFilter): Promise<HousingProgramme> {
    const programme = await this.programmes.byId(filter.programme);
    if (!programme)
      throw HousingErrors.error('PROGRAMME_NOT_FOUND', `危房改造项目 ${filter.programme} 不存在`);
    if (!readsWholeProgramme(caller, programme))
      for (const code of [filter.township, filter.village].filter((c): c is string => !!c)) {
        const unit = await this.units.byCode(code);
        if (!unit || !isWithin(unit.path, caller.unitPath)) throw otherUnit(code);
      }
    return programme;
  }

  /** The path of an item filter's unit (400 if there is none), within the caller's reach. */
  async itemUnitPath(caller: CurrentUser, filter: ItemBatchFilter): Promise<string | undefined> {
    const unitPath = await this.items.filterUnitPath(filter.unit);
    if (filter.unit && unitPath && !readsAcrossUnits(caller) && !isWithin(unitPath, caller.unitPath))
      throw otherUnit(filter.unit);
    return unitPath;
  }

  /** The campaign must be one the caller sees (404 otherwise), and its unit one the caller reaches. */
  async checkTaskFilter(caller: CurrentUser, filter: TaskBatchFilter): Promise<void> {
    await this.campaigns.visible(caller, filter.campaign);
    if (filter.unit && !readsAcrossUnits(caller)) {
      const unitPath = (await this.campaigns.unitPaths([filter.unit])).get(filter.unit);
      if (!unitPath || !isWithin(unitPath, caller.unitPath)) throw otherUnit(filter.unit);
    }
  }

  /** 400 naming `stepType` when it is not a step of the batch's kind. */
  checkStepType(kind: BatchKind, stepType: string | undefined): void {
    if (stepType && !BATCH_STEP_TYPES[kind].includes(stepType))
      throw fieldInvalid(
        'stepType',
        `须为以下之一：${BATCH_STEP_TYPES[kind].join('、')}`,
        `${kind} 的办理事项须为以下之一：${BATCH_STEP_TYPES[kind].join('、')}`,
      );
  }
}
