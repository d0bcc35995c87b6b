import ExcelJS from 'exceljs';
import { eventually } from './support/eventually';
import { addRectificationFixture, createOrgFixture, OrgFixture } from './support/org-fixture';
import { startTestSystem, TestSystem } from './support/test-system';

const DAY = 86_400_000;

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

/** The CST calendar day `days` from the test's clock, as YYYY-MM-DD. */
const cstDay = (days: number) => new Date(Date.now() + 8 * 3600_000 + days * DAY).toISOString().slice(0, 10);
/** That day as an Excel date cell holds it (its wall clock, no zone). */
const excelDate = (day: string) => new Date(`${day}T00:00:00.000Z`);
/** The instant a date deadline stands for: the end of that CST day. */
const endOfCstDay = (day: string) => new Date(Date.parse(`${day}T00:00:00+08:00`) + DAY).toISOString();

interface ItemBody {
  id: string;
  number: number;
  problem: string;
  source: string;
  category: string;
  analysis: string;
  measures: string[];
  responsibleUnit: string;
  responsiblePersonId: string;
  verifierId: string;
  basicDeadline: string;
  fullDeadline: string;
  escalationLevel: number;
  overdue: boolean;
  notices: Array<{ level: number; label: string }>;
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

  const importFile = (ledger: string, file: Buffer, query = '', name = 'ledger.xlsx') =>
    system
      .http()
      .post(`/api/ledgers/${ledger}/workbook/import${query}`)
      .set('Authorization', f.auth.command)
      .attach('file', file, name);

  const items = async (ledger: string): Promise<ItemBody[]> => {
    const list = await system
      .http()
      .get(`/api/rectifications?ledger=${ledger}&pageSize=100`)
      .set('Authorization', f.auth.command)
      .expect(200);
    return Promise.all(
      (list.body.items as Array<{ id: string }>).map(
        async (i) =>
          (
            await system
              .http()
              .get(`/api/rectifications/${i.id}`)
              .set('Authorization', f.auth.command)
              .expect(200)
          ).body as ItemBody,
      ),
    ).then((all) => all.sort((a, b) => a.number - b.number));
  };

  const newLedger = async (name: string): Promise<string> =>
    (
      await system
        .http()
        .post('/api/ledgers')
        .set('Authorization', f.auth.command)
        .send({ name, source: '省审计报告' })
        .expect(201)
    ).body.id as string;

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
    expect(sheet.getRow(2).getCell(1).value).toBe('序号');
    // the example row's deadline: the day as written, an Excel date
    expect(sheet.getCell('K3').value).toEqual(new Date('2019-05-31T00:00:00.000Z'));
    sheet.spliceRows(3, 1); // drop the example row
    rows.forEach((row, i) => sheet.addRow([i + 1, ...row]));
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
    const result = await importFile(f.objects.ledger, file).expect(201);
    expect(result.body).toEqual({ created: 2, numbers: [2, 3] });
    const village = (await items(f.objects.ledger)).find((i) => i.problem === '饮水工程验收滞后');
    expect(village).toMatchObject({
      problem: '饮水工程验收滞后',
      responsibleUnit: 'vA1',
      fullDeadline: '2099-05-31T16:00:00.000Z',
    });
  });

  it('reads a workbook the way Excel writes it: titles, 序号, date cells, names, full-width, stray blanks', async () => {
    const ledger = await newLedger('示范县自查问题整改台账');
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Sheet1');
    sheet.addRow(['示范县2019年自查问题整改台账']);
    sheet.mergeCells('A1:K1');
    sheet.addRow(['填报单位：县攻坚办']);
    sheet.mergeCells('A2:K2');
    sheet.addRow([
      '序号',
      '问题描述',
      '问题来源 ',
      '问题类别',
      '问题分析',
      '整改措施',
      '责任单位',
      '责任人',
      '验收人',
      '基本整改到位期限',
      '全面整改到位期限',
    ]);
    const basic = cstDay(20);
    const full = cstDay(40);
    sheet.addRow([
      1,
      '\u3000村级公示栏未更新 ',
      '县级自查',
      '基层组织',
      '无专人负责',
      '1、明确专人\n2、每月更新',
      '甲镇', // a unit by name
      '甲镇干部\u00a0', // a person by name within the unit, with a non-breaking space
      '督查员',
      excelDate(basic), // date cells, as Excel stores them
      excelDate(full),
    ]);
    sheet.addRow([
      2,
      '饮水安全台账不全',
      '县级自查',
      '基层组织',
      '底数不清',
      '建立台账',
      'ｔＡ', // a unit code in full-width letters
      'ｄｅｐｔＡ',
      'inspector',
      `${basic.replace(/-/g, '/')}`, // a date typed as text
      `${full.slice(0, 4)}年${Number(full.slice(5, 7))}月${Number(full.slice(8, 10))}日`,
    ]);
    sheet.addRow([]);
    sheet.addRow(['', ' ', '\u3000']); // trailing rows that only look empty
    const file = Buffer.from(await workbook.xlsx.writeBuffer());
    const result = await importFile(ledger, file).expect(201);
    expect(result.body).toEqual({ created: 2, numbers: [1, 2] });
    const imported = await items(ledger);
    for (const item of imported) {
      expect(item).toMatchObject({
        responsibleUnit: 'tA',
        responsiblePersonId: f.ids.deptA,
        verifierId: f.ids.inspector,
        basicDeadline: endOfCstDay(basic),
        fullDeadline: endOfCstDay(full),
      });
    }
    expect(imported.find((i) => i.problem === '村级公示栏未更新')).toMatchObject({
      source: '县级自查',
      measures: ['明确专人', '每月更新'],
    });
  });

  it('reports every problem of every row at once: cells, fields and references', async () => {
    const ledger = await newLedger('有误的台账');
    for (const username of ['wangwu1', 'wangwu2'])
      await system
        .http()
        .post('/api/users')
        .set('Authorization', system.adminAuth)
        .send({ username, displayName: '王五', unitCode: 'tB', roles: ['department'] })
        .expect(201);
    const file = await filledTemplate([
      row('合格的一行', 'tA', 'deptA'),
      row('期限有误', 'tA', 'deptA', { 9: '6月底' }), // a cell that is no date
      row('', 'tA', 'deptA'), // a required field left empty
      row('责任人不在责任单位', 'tA', 'deptB'), // a registration rule
      row('无此人', '甲镇', '赵六'), // a reference that does not exist
      row('重名', '乙镇', '王五'), // an ambiguous name
    ]);
    const response = await importFile(ledger, file).expect(400);
    expect(response.body.code).toBe('IMPORT_REJECTED');
    expect(response.body.details).toEqual([
      {
        row: 4,
        field: 'fullDeadline',
        column: '全面整改到位期限',
        value: '6月底',
        problems: ['须为日期（YYYY-MM-DD）或 ISO 8601 时刻'],
      },
      { row: 5, field: 'problem', column: '问题描述', value: '', problems: expect.any(Array) },
      {
        row: 6,
        field: 'responsiblePerson',
        column: '责任人',
        value: 'deptB',
        problems: ['须为责任单位的在岗人员'],
      },
      {
        row: 7,
        field: 'responsiblePerson',
        column: '责任人',
        value: '赵六',
        problems: ['甲镇中没有用户名或姓名为 赵六 的人员'],
      },
      {
        row: 8,
        field: 'responsiblePerson',
        column: '责任人',
        value: '王五',
        problems: ['乙镇中姓名为 王五 的人员不止一位（王五：wangwu1、王五：wangwu2），请填写用户名'],
      },
    ]);
    expect(await items(ledger)).toEqual([]);
  });

  it('brings in an existing ledger as it stands: passed deadlines start overdue at the level reached', async () => {
    const ledger = await newLedger('已有台账');
    // basic 25 days ago, full 20 days ago (CST days from the test's clock): by the default ladder the
    // reminder, both cards and the public criticism (full +7 days) and the summons (full +14 days)
    // have passed; accountability (full +30 days) has not
    const basic = cstDay(-25);
    const full = cstDay(-20);
    const file = await filledTemplate([row('扶贫资金拨付滞后', 'tA', 'deptA', { 8: basic, 9: full })]);
    const refused = await importFile(ledger, file).expect(400);
    expect(refused.body.details).toEqual([
      expect.objectContaining({ row: 3, field: 'fullDeadline', value: full }),
    ]);
    await importFile(ledger, file, '?existing=true').expect(201);
    const [item] = await eventually(
      () => items(ledger),
      (all) => all[0]?.escalationLevel === 5,
      'the summons fired',
      { timeoutMs: 15_000, intervalMs: 50 },
    );
    expect(item).toMatchObject({ overdue: true, fullDeadline: endOfCstDay(full) });
    // one notice, the summons: the steps below it are passed over, not issued one after another
    expect(item.notices.map((n) => [n.level, n.label])).toEqual([[5, '约谈']]);
  });

  it('exports the ledger with the template columns then status columns, a department only its own items', async () => {
    const all = await system
      .http()
      .get(`/api/ledgers/${f.objects.ledger}/workbook/export`)
      .set('Authorization', f.auth.command)
      .buffer(true)
      .parse(binary)
      .expect(200);
    const rows = await sheetRows(all.body as Buffer);
    expect(rows[0][0]).toMatch(/^省审计反馈问题整改台账（导出于 /);
    expect(rows[1].slice(0, 11)).toEqual([
      '序号',
      '问题描述',
      '问题来源',
      '问题类别',
      '问题分析',
      '整改措施',
      '责任单位',
      '责任人',
      '验收人',
      '基本整改到位期限',
      '全面整改到位期限',
    ]);
    expect(rows[1].slice(11)).toEqual([
      '编号',
      '原定全面整改期限',
      '状态',
      '是否逾期',
      '督办级别',
      '暂停天数',
      '延期次数',
      '回头看次数',
      '销号时间',
    ]);
    // rows are registered several at a time, so which imported row got 2 or 3 may vary
    expect(rows.slice(2).map((r) => r[0])).toEqual(['1', '2', '3']);
    expect(rows.slice(2).map((r) => r[11])).toEqual(['1', '2', '3']);
    expect(
      rows
        .slice(2)
        .map((r) => [r[6], r[7], r[13], r[14]])
        .sort(),
    ).toEqual([
      ['甲村', '甲村干部', '整改中', '否'],
      ['甲镇', '甲镇干部', '整改中', '否'],
      ['甲镇', '甲镇干部', '整改中', '否'],
    ]);
    // 全面整改到位期限: the imported items have the date 2099-05-31 and show that day, not
    // 2099-06-01 00:00; the fixture's item (编号 1) has instants, shown with their CST time
    const imported = rows.slice(2).filter((r) => r[11] !== '1');
    expect(imported.map((r) => r[10])).toEqual(['2099-05-31', '2099-05-31']);
    expect(rows[2][10]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(all.body as ExcelJS.Buffer);
    const sheet = workbook.worksheets[0];
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(sheet.pageSetup).toMatchObject({ orientation: 'landscape', fitToWidth: 1, printTitlesRow: '2:2' });
    expect(sheet.getCell('K3').numFmt).toMatch(/^yyyy-mm-dd/);
    // CJK counts double: 全面整改到位期限 (8 characters) needs 16 + margin
    expect(sheet.getColumn(11).width).toBeGreaterThanOrEqual(16);
    const village = await system
      .http()
      .get(`/api/ledgers/${f.objects.ledger}/workbook/export`)
      .set('Authorization', f.auth.villageA)
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect((await sheetRows(village.body as Buffer)).slice(2).map((r) => [r[0], r[6]])).toEqual([
      ['1', '甲村'],
    ]);
  });

  it('round-trips: an exported ledger imports unchanged into a fresh ledger', async () => {
    const exported = await system
      .http()
      .get(`/api/ledgers/${f.objects.ledger}/workbook/export`)
      .set('Authorization', f.auth.command)
      .buffer(true)
      .parse(binary)
      .expect(200);
    const fresh = await newLedger('往返台账');
    await importFile(fresh, exported.body as Buffer).expect(201);
    const facts = (item: ItemBody) => ({
      problem: item.problem,
      source: item.source,
      category: item.category,
      analysis: item.analysis,
      measures: item.measures,
      responsibleUnit: item.responsibleUnit,
      responsiblePersonId: item.responsiblePersonId,
      verifierId: item.verifierId,
      // a deadline instant shows (and so exports) to the minute
      basicDeadline: item.basicDeadline.slice(0, 16),
      fullDeadline: item.fullDeadline.slice(0, 16),
    });
    // rows are registered several at a time, so numbers need not follow the file: compare by problem
    const byProblem = (a: { problem: string }, b: { problem: string }) => a.problem.localeCompare(b.problem);
    const original = (await items(f.objects.ledger)).map(facts).sort(byProblem);
    expect(original).toHaveLength(3);
    expect((await items(fresh)).map(facts).sort(byProblem)).toEqual(original);
  });
});
