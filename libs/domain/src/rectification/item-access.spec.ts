import type { Role } from '../access/roles';
import { mayTakeItemStep } from './item-access';

const item = { responsibleUnitPath: '/c1/tA/', verifierId: 'v1', responsiblePersonId: 'p1' };
const person = (roles: Role[], unitPath = '/c1/') => ({ id: 'x', unitPath, roles });

describe('item access: who may take which step on an item', () => {
  it('lets the command center and inspectors reopen (回头看), not a department or a leader', () => {
    expect(mayTakeItemStep(person(['command-center']), item, 'reopen')).toBe(true);
    expect(mayTakeItemStep(person(['inspector']), item, 'reopen')).toBe(true);
    expect(mayTakeItemStep(person(['department'], '/c1/tA/'), item, 'reopen')).toBe(false);
    expect(mayTakeItemStep(person(['leadership']), item, 'reopen')).toBe(false);
  });

  it('keeps the command center’s management steps from departments and inspectors', () => {
    for (const step of ['reassign', 'decide-extension', 'pause', 'resume'] as const) {
      expect(mayTakeItemStep(person(['command-center']), item, step)).toBe(true);
      expect(mayTakeItemStep(person(['department'], '/c1/tA/'), item, step)).toBe(false);
      expect(mayTakeItemStep(person(['inspector']), item, step)).toBe(false);
    }
  });
});
