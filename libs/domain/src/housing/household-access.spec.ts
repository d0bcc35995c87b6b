import { mayTakeHouseholdStep, maySeeHousehold, readsWholeProgramme } from './household-access';

const household = { villagePath: '/county/t1/v1/', housingBureau: 'zjj' };
const township = { unitCode: 't1', unitPath: '/county/t1/', roles: ['department'] as const };
const otherTownship = { unitCode: 't2', unitPath: '/county/t2/', roles: ['department'] as const };
const bureau = { unitCode: 'zjj', unitPath: '/county/zjj/', roles: ['department'] as const };
const commandCenter = { unitCode: 'zhb', unitPath: '/county/zhb/', roles: ['command-center'] as const };

describe('household access', () => {
  it('lets a township act on its own villages only', () => {
    expect(mayTakeHouseholdStep(township, household, 'record-start')).toBe(true);
    expect(mayTakeHouseholdStep(otherTownship, household, 'record-start')).toBe(false);
    expect(maySeeHousehold(otherTownship, household)).toBe(false);
  });

  it('lets the bureau approve but not record the start of works', () => {
    expect(mayTakeHouseholdStep(bureau, household, 'approve')).toBe(true);
    expect(mayTakeHouseholdStep(bureau, household, 'record-start')).toBe(false);
    expect(readsWholeProgramme(bureau, household)).toBe(true);
    expect(readsWholeProgramme(township, household)).toBe(false);
  });

  it('lets the command center see everything and withdraw, not approve', () => {
    expect(maySeeHousehold(commandCenter, household)).toBe(true);
    expect(mayTakeHouseholdStep(commandCenter, household, 'withdraw')).toBe(true);
    expect(mayTakeHouseholdStep(commandCenter, household, 'approve')).toBe(false);
  });
});
