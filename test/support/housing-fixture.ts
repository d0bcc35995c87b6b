import { FIXTURE_PASSWORD, type OrgFixture } from './org-fixture';
import { eventually } from './eventually';
import type { TestSystem } from './test-system';

const DAY = 86_400_000;

export const HOUSEHOLD_CSV_HEADER =
  '户编号,户主姓名,村编码,乡镇编码,是否建档立卡贫困户,房屋危险等级,计划补助金额（元）';

export interface HousingFixture {
  programme: string;
  /** Household id by household number. */
  households: Record<string, string>;
  /** A department user of the housing bureau 住建局 (zjj). */
  bureauAuth: string;
}

/** A CSV of households: `[householdNo, village, township, registeredPoor?]` each. */
export function householdCsv(rows: Array<[string, string, string, boolean?]>): Buffer {
  const lines = rows.map(
    ([no, village, township, poor = true]) =>
      `${no},户主${no},${village},${township},${poor ? '是' : '否'},D,14000`,
  );
  return Buffer.from([HOUSEHOLD_CSV_HEADER, ...lines].join('\n'), 'utf8');
}

/** Waits until an import has started every pipeline. */
export async function awaitImport(system: TestSystem, auth: string, importId: string): Promise<void> {
  await eventually(
    async () =>
      (await system.http().get(`/api/housing/imports/${importId}`).set('Authorization', auth).expect(200))
        .body as { status: string },
    (progress) => progress.status === 'done',
    `import ${importId}`,
    { failure: () => `import ${importId} did not finish` },
  );
}

/**
 * A programme with 住建局 as its bureau, and households imported by the command center and started
 * (needs the worker): by default one of 甲镇 (H-A1, village 甲村) and one of 乙镇 (H-B1).
 */
export async function addHousingFixture(
  system: TestSystem,
  fixture: OrgFixture,
  options: {
    rows?: Array<[string, string, string, boolean?]>;
    noticePeriods?: Record<string, string | null>;
    stageDeadlines?: Record<string, string>;
    /** More programme settings (stallAfter, timerJitter, ladder …). */
    settings?: Record<string, unknown>;
  } = {},
): Promise<HousingFixture> {
  await system
    .http()
    .post('/api/users')
    .set('Authorization', system.adminAuth)
    .send({
      username: 'bureau',
      displayName: '住建局干部',
      unitCode: 'zjj',
      roles: ['department'],
      password: FIXTURE_PASSWORD,
    })
    .expect(201);
  const bureauAuth = await system.login('bureau', FIXTURE_PASSWORD);
  const later = (days: number) => new Date(Date.now() + days * DAY).toISOString();
  const programme = await system
    .http()
    .post('/api/housing/programmes')
    .set('Authorization', fixture.auth.command)
    .send({
      name: '农村危房改造',
      housingBureau: 'zjj',
      stageDeadlines: options.stageDeadlines ?? {
        construction: later(90),
        acceptance: later(120),
        payment: later(120),
        'move-in': later(150),
      },
      noticePeriods: options.noticePeriods ?? { village: 'P7D', township: null, county: 'P5D' },
      ...options.settings,
    })
    .expect(201);
  const programmeId = (programme.body as { id: string }).id;
  const rows = options.rows ?? [
    ['H-A1', 'vA1', 'tA'],
    ['H-B1', 'vB1', 'tB'],
  ];
  const imported = await system
    .http()
    .post(`/api/housing/programmes/${programmeId}/imports`)
    .set('Authorization', fixture.auth.command)
    .attach('file', householdCsv(rows), 'households.csv')
    .expect(202);
  await awaitImport(system, fixture.auth.command, (imported.body as { id: string }).id);
  const list = await system
    .http()
    .get(`/api/housing/households?programme=${programmeId}&pageSize=500`)
    .set('Authorization', fixture.auth.command)
    .expect(200);
  const households = Object.fromEntries(
    (list.body as { items: Array<{ id: string; householdNo: string }> }).items.map((h) => [
      h.householdNo,
      h.id,
    ]),
  );
  return { programme: programmeId, households, bureauAuth };
}
