import ExcelJS from 'exceljs';
import { addRectificationFixture, createOrgFixture, OrgFixture } from './support/org-fixture';
import { startTestSystem, TestSystem } from './support/test-system';

const binary = (res: import('superagent').Response, done: (err: Error | null, body: unknown) => void) => {
  const stream = res as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
};

async function sheetRows(content: Buffer): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(content as unknown as ExcelJS.Buffer);
  const rows: string[][] = [];
  workbook.worksheets[0].eachRow((row) =>
    rows.push(
      (row.values as unknown[]).slice(1).map((v) =>
        v instanceof Date
          ? // an Excel date holds the CST wall clock: shown as Excel shows it
            v.toISOString().slice(11, 16) === '00:00'
            ? v.toISOString().slice(0, 10)
            : `${v.toISOString().slice(0, 10)} ${v.toISOString().slice(11, 16)}`
          : typeof v === 'object' && v !== null
            ? JSON.stringify(v)
            : String((v as string | number | undefined) ?? ''),
      ),
    ),
  );
  return rows;
}

describe('the ledger as a workbook: template, import, export', () => {
  let system: TestSystem;
  let f: OrgFixture;

  beforeAll(async () => {
    system = await startTestSystem();
    f = await createOrgFixture(system);
    await addRectificationFixture(system, f);
  });
  afterAll(async () => {
    await system?.close();
  });

  async function filledTemplate(rows: string[][]): Promise<Buffer> {
    const template = await system
      .http()
      .get(`/api/ledgers/${f.objects.ledger}/workbook/template`)
      .set('Authorization', f.auth.command)
      .buffer(true)
      .parse(binary)
      .expect(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(template.body as ExcelJS.Buffer);
    const sheet = workbook.worksheets[0];
    sheet.spliceRows(2, 1); // drop the example row
    rows.forEach((row) => sheet.addRow(row));
    return Buffer.from(await workbook.xlsx.writeBuffer());
  }

  const row = (
    problem: string,
    unit: string,
    person: string,
    overrides: Partial<Record<number, string>> = {},
  ) => {
    const cells = [
      problem,
      '省审计报告',
      '资金管理',
      '流程长',
      '1. 简化审批\n2. 按月拨付',
      unit,
      person,
      'inspector',
      '2099-05-15',
      '2099-05-31',
    ];
    Object.entries(overrides).forEach(([i, v]) => (cells[Number(i)] = v!));
    return cells;
  };

  it('imports every row of a filled template, numbering the items after the existing one', async () => {
    const file = await filledTemplate([
      row('村道硬化未完成', 'tA', 'deptA'),
      row('饮水工程验收滞后', 'vA1', 'villageA'),
    ]);
    const result = await system
      .http()
      .post(`/api/ledgers/${f.objects.ledger}/workbook/import`)
      .set('Authorization', f.auth.command)
      .attach('file', file, 'ledger.xlsx')
      .expect(201);
    expect(result.body).toEqual({ created: 2, numbers: [2, 3] });
    const list = await system
      .http()
      .get(`/api/rectifications?ledger=${f.objects.ledger}`)
      .set('Authorization', f.auth.command)
      .expect(200);
    const village = list.body.items.find((i: { number: number }) => i.number === 3);
    expect(village).toMatchObject({
      problem: '饮水工程验收滞后',
      responsibleUnit: 'vA1',
      fullDeadline: '2099-05-31T16:00:00.000Z',
    });
  });

  it('rejects the whole file naming each bad row, and registers nothing', async () => {
    const before = (
      await system.http().get('/api/rectifications').set('Authorization', f.auth.command).expect(200)
    ).body.total;
    const file = await filledTemplate([
      row('合格的一行', 'tA', 'deptA'),
      row('责任人不在责任单位', 'tA', 'deptB'),
      row('无此人', 'tA', 'nobody'),
      row('期限有误', 'tA', 'deptA', { 9: '6月底' }),
    ]);
    const response = await system
      .http()
      .post(`/api/ledgers/${f.objects.ledger}/workbook/import`)
      .set('Authorization', f.auth.command)
      .attach('file', file, 'ledger.xlsx')
      .expect(400);
    expect(response.body.code).toBe('IMPORT_REJECTED');
    expect(response.body.details).toEqual([
      {
        row: 3,
        field: 'responsiblePersonId',
        problems: ['须为责任单位的在岗人员'],
      },
      { row: 4, field: 'responsiblePerson', problems: ['没有用户名为 nobody 的人员'] },
      {
        row: 5,
        field: 'fullDeadline',
        problems: ['须为日期（YYYY-MM-DD）或 ISO 8601 时刻'],
      },
    ]);
    expect(
      (await system.http().get('/api/rectifications').set('Authorization', f.auth.command).expect(200)).body
        .total,
    ).toBe(before);
  });

  it('exports the ledger with status columns, and a department gets only its own items', async () => {
    const all = await system
      .http()
      .get(`/api/ledgers/${f.objects.ledger}/workbook/export`)
      .set('Authorization', f.auth.command)
      .buffer(true)
      .parse(binary)
      .expect(200);
    const rows = await sheetRows(all.body as Buffer);
    expect(rows[1]).toEqual(
      expect.arrayContaining(['编号', '状态', '是否逾期', '督办级别', '原定全面整改期限']),
    );
    expect(rows.slice(2).map((r) => [r[0], r[4], r[10], r[11]])).toEqual([
      ['1', '甲镇', '整改中', '否'],
      ['2', '甲镇', '整改中', '否'],
      ['3', '甲村', '整改中', '否'],
    ]);
    // 全面整改到位期限: item 3 was imported with the date 2099-05-31 and shows that day, not
    // 2099-06-01 00:00; the fixture's items have instants, shown with their CST time
    expect(rows[1][8]).toBe('全面整改到位期限');
    expect(rows[4][8]).toBe('2099-05-31');
    expect(rows[2][8]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    const village = await system
      .http()
      .get(`/api/ledgers/${f.objects.ledger}/workbook/export`)
      .set('Authorization', f.auth.villageA)
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect((await sheetRows(village.body as Buffer)).slice(2).map((r) => r[0])).toEqual(['3']);
  });
});
