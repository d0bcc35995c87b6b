import type { TestSystem } from './test-system';

export const FIXTURE_PASSWORD = 'fixture-password-123';

/**
 * A small county: two townships with a village each, a bureau, and one person per role.
 *   c1 县 ─ tA 甲镇 ─ vA1 甲村
 *        ├ tB 乙镇 ─ vB1 乙村
 *        └ zjj 住建局
 */
export const FIXTURE_UNITS = [
  { code: 'c1', name: '示范县', kind: 'county' },
  { code: 'tA', name: '甲镇', kind: 'township', parentCode: 'c1' },
  { code: 'tB', name: '乙镇', kind: 'township', parentCode: 'c1' },
  { code: 'vA1', name: '甲村', kind: 'village', parentCode: 'tA' },
  { code: 'vB1', name: '乙村', kind: 'village', parentCode: 'tB' },
  { code: 'zjj', name: '住建局', kind: 'bureau', parentCode: 'c1' },
] as const;

const PEOPLE = {
  deptA: { displayName: '甲镇干部', unitCode: 'tA', roles: ['department'] },
  deptB: { displayName: '乙镇干部', unitCode: 'tB', roles: ['department'] },
  villageA: { displayName: '甲村干部', unitCode: 'vA1', roles: ['department'] },
  command: { displayName: '指挥部干部', unitCode: 'c1', roles: ['command-center'] },
  leader: { displayName: '县领导', unitCode: 'c1', roles: ['leadership'] },
  inspector: { displayName: '督查员', unitCode: 'c1', roles: ['inspector'] },
} as const;

export type Person = keyof typeof PEOPLE;

export interface OrgFixture {
  ids: Record<Person, string>;
  auth: Record<Person, string>;
}

export async function createOrgFixture(system: TestSystem): Promise<OrgFixture> {
  for (const unit of FIXTURE_UNITS) {
    await system.http().post('/api/units').set('Authorization', system.adminAuth).send(unit).expect(201);
  }
  const ids = {} as Record<Person, string>;
  const auth = {} as Record<Person, string>;
  for (const [username, person] of Object.entries(PEOPLE) as Array<[Person, (typeof PEOPLE)[Person]]>) {
    const response = await system
      .http()
      .post('/api/users')
      .set('Authorization', system.adminAuth)
      .send({ username, ...person, password: FIXTURE_PASSWORD })
      .expect(201);
    ids[username] = (response.body as { id: string }).id;
    auth[username] = await system.login(username, FIXTURE_PASSWORD);
  }
  return { ids, auth };
}
