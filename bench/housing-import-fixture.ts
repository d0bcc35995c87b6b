import { call, login, upload } from './bench-http';

/**
 * The smallest housing setup a benchmark imports households into, through the API: a county, its
 * housing bureau, TOWNSHIPS townships with a village each, and a command-center person who creates
 * programmes and imports households.
 */
export const TOWNSHIPS = 4;
const PASSWORD = 'bench-password-1';
const HEADER = '户编号,户主姓名,村编码,乡镇编码,是否建档立卡贫困户,房屋危险等级,计划补助金额（元）';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** An import file of `count` households numbered `<prefix>000001` on, spread over the townships. */
export function householdRows(prefix: string, count: number): Buffer {
  const rows = [HEADER];
  for (let i = 1; i <= count; i++) {
    const t = (i % TOWNSHIPS) + 1;
    rows.push(`${prefix}${String(i).padStart(6, '0')},户主${i},v${t},t${t},是,D,14000`);
  }
  return Buffer.from(rows.join('\n'));
}

export interface HousingFixture {
  /** A new programme (its id), its move-in deadline a year away. */
  programme: (name: string) => Promise<string>;
  /** Imports the rows into the programme and waits until every pipeline is started. */
  importAndWait: (programmeId: string, rows: Buffer) => Promise<{ id: string; ms: number }>;
}

export async function housingFixture(api: string, adminPassword: string): Promise<HousingFixture> {
  const admin = await login(api, 'admin', adminPassword);
  await call(api, 'POST', '/units', admin, { code: 'county', name: '示范县', kind: 'county' });
  await call(api, 'POST', '/units', admin, {
    code: 'zjj',
    name: '住建局',
    kind: 'bureau',
    parentCode: 'county',
  });
  for (let t = 1; t <= TOWNSHIPS; t++) {
    await call(api, 'POST', '/units', admin, {
      code: `t${t}`,
      name: `第${t}镇`,
      kind: 'township',
      parentCode: 'county',
    });
    await call(api, 'POST', '/units', admin, {
      code: `v${t}`,
      name: `第${t}村`,
      kind: 'village',
      parentCode: `t${t}`,
    });
  }
  await call(api, 'POST', '/users', admin, {
    username: 'command',
    displayName: '指挥部',
    unitCode: 'county',
    roles: ['command-center'],
    password: PASSWORD,
  });
  const command = await login(api, 'command', PASSWORD);
  return {
    programme: async (name) =>
      (
        await call<{ id: string }>(api, 'POST', '/housing/programmes', command, {
          name,
          housingBureau: 'zjj',
          stageDeadlines: { 'move-in': new Date(Date.now() + 365 * 86_400_000).toISOString() },
        })
      ).id,
    importAndWait: async (programmeId, rows) => {
      const batch = await upload<{ id: string }>(
        api,
        `/housing/programmes/${programmeId}/imports`,
        command,
        'h.csv',
        rows,
      );
      const accepted = performance.now();
      for (;;) {
        const progress = await call<{ status: string }>(api, 'GET', `/housing/imports/${batch.id}`, command);
        if (progress.status === 'done') return { id: batch.id, ms: performance.now() - accepted };
        await sleep(100);
      }
    },
  };
}
