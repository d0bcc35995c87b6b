import type { TestSystem } from './test-system';

/**
 * An instant `days` from today at 17:30 China Standard Time. A deadline instant at a CST midnight
 * shows as the date before it (the display rule), so "now + n days" would change how the item
 * reads when a test runs at 16:00 UTC; a fixed time of day never lands there.
 */
function cstInstantInDays(days: number): string {
  const cstDay = new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
  return new Date(`${cstDay}T17:30:00+08:00`).toISOString();
}

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
  /** Objects other fixtures add (a ledger, an item of 甲镇 …), by name. */
  objects: Record<string, string>;
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
  return { ids, auth, objects: {} };
}

/** A ledger and one open item of 甲镇 (responsible person deptA, verifier inspector); needs the worker. */
export async function addRectificationFixture(system: TestSystem, fixture: OrgFixture): Promise<void> {
  const ledger = await system
    .http()
    .post('/api/ledgers')
    .set('Authorization', fixture.auth.command)
    .send({ name: '省审计反馈问题整改台账', source: '省审计报告' })
    .expect(201);
  const item = await system
    .http()
    .post(`/api/ledgers/${ledger.body.id}/items`)
    .set('Authorization', fixture.auth.command)
    .send({
      problem: '危房改造补助资金未按时拨付',
      source: '省审计报告',
      category: '资金管理',
      analysis: '审批环节多',
      measures: ['简化审批', '按月拨付'],
      responsibleUnit: 'tA',
      responsiblePersonId: fixture.ids.deptA,
      verifierId: fixture.ids.inspector,
      basicDeadline: cstInstantInDays(30),
      fullDeadline: cstInstantInDays(60),
    })
    .expect(201);
  fixture.objects.ledger = ledger.body.id as string;
  fixture.objects.item = item.body.id as string;
}
