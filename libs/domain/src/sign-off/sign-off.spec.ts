import { missingParties, partyFor, signOff, SigningParty } from './sign-off';

const bureau = { id: 'user:z1', name: '住建局验收员', unit: 'zjj', roles: ['department'] };
const township = { id: 'user:t1', name: '甲镇干部', unit: 'tA', roles: ['department'] };
const twoParty: SigningParty[] = [
  { label: '住建局', unit: 'zjj' },
  { label: '乡镇', unit: 'tA' },
];

describe('sign-offs', () => {
  it('records who signed, for which unit and role, when, and what they saw', () => {
    expect(signOff(bureau, '2019-07-20T02:00:00Z', ['photo-1'], '验收合格')).toEqual({
      signerId: 'user:z1',
      signerName: '住建局验收员',
      unit: 'zjj',
      roles: ['department'],
      at: '2019-07-20T02:00:00Z',
      evidenceSeen: ['photo-1'],
      note: '验收合格',
    });
  });

  it('needs every party of a two-party acceptance: one signature is not enough', () => {
    const first = signOff(bureau, '2019-07-20T02:00:00Z', [], '');
    expect(missingParties(twoParty, [first]).map((p) => p.label)).toEqual(['乡镇']);
    const second = signOff(township, '2019-07-21T02:00:00Z', [], '');
    expect(missingParties(twoParty, [first, second])).toEqual([]);
  });

  it('does not let one party sign twice, nor a stranger sign for a party', () => {
    const first = signOff(bureau, '2019-07-20T02:00:00Z', [], '');
    expect(partyFor(twoParty, [first], signOff(bureau, '2019-07-20T03:00:00Z', [], ''))).toBeUndefined();
    expect(
      partyFor(twoParty, [], signOff({ ...bureau, unit: 'tB' }, '2019-07-20T03:00:00Z', [], '')),
    ).toBeUndefined();
  });

  it('can name a person as the party', () => {
    const verifier: SigningParty[] = [{ label: '验收人', personId: 'user:v1' }];
    expect(missingParties(verifier, [signOff({ ...bureau, id: 'user:v1' }, 'x', [], '')])).toEqual([]);
    expect(missingParties(verifier, [signOff(bureau, 'x', [], '')])).toHaveLength(1);
  });
});
