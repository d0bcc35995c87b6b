import { DataSource } from 'typeorm';
import { issueCampaignEscalationIn } from '../activities/campaign/campaign-escalation.activities';
import { dataSourceOptions } from '../libs/database/src/data-source-options';
import { issuingOffice, takeDocumentNumber } from '../libs/database/src/documents/document-numbers';
import { DEFAULT_LADDER } from '../libs/domain/src/escalation/ladder';
import { createTestDatabase } from './support/test-database';

/** Document numbers (文号): one sequence per issuing office, kind and year, never repeated under concurrency. */
describe('document numbers', () => {
  let database: { url: string; drop: () => Promise<void> };
  let dataSource: DataSource;
  const CAMPAIGN_ID = '00000000-0000-4000-8000-00000000c001';

  beforeAll(async () => {
    database = await createTestDatabase();
    // a pool as large as the parallel issuers, so they really overlap
    dataSource = await new DataSource({
      ...dataSourceOptions(database.url),
      extra: { max: 20 },
    }).initialize();
    await dataSource.query(
      `INSERT INTO unit (code, name, kind, path) VALUES ('county', '示范县', 'county', '/county/')`,
    );
    await dataSource.query(
      `INSERT INTO unit (code, name, kind, parent_code, path) VALUES ('zhb', '示范县脱贫攻坚指挥部', 'office', 'county', '/county/zhb/')`,
    );
    await dataSource.query(
      `INSERT INTO campaign (id, name, status, plan_version, window_start, window_end, workflow_id, created_by)
       VALUES ($1, '精准脱贫百日攻坚行动', 'running', 1, '2026-09-01T00:00:00+08:00', '2026-12-31T00:00:00+08:00', $2, 'test')`,
      [CAMPAIGN_ID, `campaign:${CAMPAIGN_ID}`],
    );
    await dataSource.query(
      `INSERT INTO app_user (username, display_name, unit_code, roles) VALUES ('zhb1', '王五', 'zhb', '{department}')`,
    );
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  it('20 parallel issues of one sequence get 1 to 20, each once; other offices, kinds and years count apart', async () => {
    const sequence = { issuingUnit: 'zhb', kind: '通报', year: 2026 };
    const serials = await Promise.all(
      Array.from({ length: 20 }, () => dataSource.transaction((m) => takeDocumentNumber(m, sequence))),
    );
    expect([...serials].sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    await expect(
      dataSource.transaction((m) => takeDocumentNumber(m, { ...sequence, kind: '督办单' })),
    ).resolves.toBe(1);
    await expect(
      dataSource.transaction((m) => takeDocumentNumber(m, { ...sequence, year: 2027 })),
    ).resolves.toBe(1);
    await expect(
      dataSource.transaction((m) => takeDocumentNumber(m, { ...sequence, issuingUnit: 'county' })),
    ).resolves.toBe(1);
  });

  it('a number taken in a transaction that rolls back is taken again by the next issue', async () => {
    const sequence = { issuingUnit: 'zhb', kind: '约谈通知书', year: 2026 };
    await dataSource.transaction((m) => takeDocumentNumber(m, sequence));
    await expect(
      dataSource.transaction(async (m) => {
        await takeDocumentNumber(m, sequence);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    await expect(dataSource.transaction((m) => takeDocumentNumber(m, sequence))).resolves.toBe(2);
  });

  it('the issuing office: the configured unit by name, else the root of the unit tree', async () => {
    await expect(issuingOffice(dataSource.manager, 'zhb')).resolves.toEqual({
      code: 'zhb',
      name: '示范县脱贫攻坚指挥部',
    });
    await expect(issuingOffice(dataSource.manager)).resolves.toEqual({ code: '', name: '示范县' });
  });

  it('campaign escalation notices: 20 issued at once are numbered 1 to 20 of 督办单; a retry keeps its number and leaves no gap', async () => {
    const yellow = DEFAULT_LADDER.find((s) => s.kind === 'yellow-warning')!;
    const issue = (key: string) =>
      dataSource.transaction((m) =>
        issueCampaignEscalationIn(
          m,
          {
            campaignId: CAMPAIGN_ID,
            subject: `task:${key}`,
            units: ['zhb'],
            step: yellow,
            arming: 0,
            title: `${yellow.label}：任务${key}（${key}）`,
            at: '2026-11-30T02:00:00Z',
          },
          { issuingUnitCode: 'county' },
        ),
      );
    await Promise.all(Array.from({ length: 20 }, (_, i) => issue(`T${i + 1}`)));
    await issue('T1');
    await issue('T21');
    const rows = await dataSource.query<
      Array<{ subject: string; serial: number; year: number; issuing_unit: string }>
    >(
      `SELECT subject, serial, year, issuing_unit FROM campaign_escalation WHERE campaign_id = $1 ORDER BY serial`,
      [CAMPAIGN_ID],
    );
    expect(rows.map((r) => r.serial)).toEqual(Array.from({ length: 21 }, (_, i) => i + 1));
    expect(rows.find((r) => r.subject === 'task:T21')).toMatchObject({
      serial: 21,
      year: 2026,
      issuing_unit: 'county',
    });
  });

  it('a 通报批评 notice does not say 通报批评 twice', async () => {
    const criticism = DEFAULT_LADDER.find((s) => s.kind === 'public-criticism')!;
    await dataSource.transaction((m) =>
      issueCampaignEscalationIn(
        m,
        {
          campaignId: CAMPAIGN_ID,
          subject: 'task:T99',
          units: ['zhb'],
          step: criticism,
          arming: 0,
          title: `${criticism.label}：危房改造安居行动（T99）`,
          at: '2026-11-30T02:00:00Z',
        },
        { issuingUnitCode: 'county' },
      ),
    );
    const [change] = await dataSource.query<Array<{ payload: { number: string } }>>(
      `SELECT payload FROM campaign_change WHERE campaign_id = $1 AND dedupe_key = 'escalation:task:T99:${criticism.level}:0'`,
      [CAMPAIGN_ID],
    );
    expect(change.payload.number).toBe('通报批评〔2026〕第1号');
    const notices = await dataSource.query<Array<{ title: string }>>(
      `SELECT title FROM notification WHERE subject = $1`,
      [`campaign-task:${CAMPAIGN_ID}:T99`],
    );
    expect(notices).toEqual([{ title: '通报批评〔2026〕第1号：危房改造安居行动（T99）' }]);
  });
});
