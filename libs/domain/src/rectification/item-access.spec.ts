import { maySeeItem, mayTakeItemStep, notYourItem } from './item-access';

const item = { responsibleUnitPath: '/c1/tA/', verifierId: 'inspector', responsiblePersonId: 'person-a' };

describe('rectification item rules', () => {
  it("lets the responsible unit or a unit above it take the unit's steps, not another unit", () => {
    expect(
      mayTakeItemStep({ id: 'x', unitPath: '/c1/tA/', roles: ['department'] }, item, 'record-progress'),
    ).toBe(true);
    expect(mayTakeItemStep({ id: 'x', unitPath: '/c1/', roles: ['department'] }, item, 'submit')).toBe(true);
    expect(
      mayTakeItemStep({ id: 'x', unitPath: '/c1/tB/', roles: ['department'] }, item, 'record-progress'),
    ).toBe(false);
    // the command center reads every unit but does not report a unit's progress
    expect(
      mayTakeItemStep({ id: 'x', unitPath: '/c1/', roles: ['command-center'] }, item, 'record-progress'),
    ).toBe(false);
  });

  it('keeps pause, resume, extension decisions and reassignment to the command center, close-out to the verifier', () => {
    const center = { id: 'c', unitPath: '/c1/', roles: ['command-center'] as const };
    for (const step of ['pause', 'resume', 'decide-extension', 'reassign'] as const)
      expect(mayTakeItemStep(center, item, step)).toBe(true);
    expect(mayTakeItemStep(center, item, 'accept')).toBe(false);
    expect(mayTakeItemStep({ id: 'inspector', unitPath: '/c1/', roles: ['inspector'] }, item, 'accept')).toBe(
      true,
    );
    expect(notYourItem('accept').message).toContain('验收人');
    expect(notYourItem('pause').code).toBe('NOT_YOUR_ITEM');
  });

  it('shows an item to its unit, its verifier and its responsible person', () => {
    expect(maySeeItem({ id: 'x', unitPath: '/c1/tB/', roles: ['department'] }, item)).toBe(false);
    expect(maySeeItem({ id: 'person-a', unitPath: '/c1/tB/', roles: ['department'] }, item)).toBe(true);
    expect(maySeeItem({ id: 'x', unitPath: '/c1/tA/vA1/', roles: ['department'] }, item)).toBe(false);
    expect(maySeeItem({ id: 'x', unitPath: '/c1/', roles: ['leadership'] }, item)).toBe(true);
  });
});
