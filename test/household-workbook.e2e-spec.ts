import ExcelJS from 'exceljs';
import { addHousingFixture, awaitImport, HousingFixture } from './support/housing-fixture';
import { createOrgFixture, OrgFixture } from './support/org-fixture';
import { startTestSystem, TestSystem } from './support/test-system';

const DAY = 86_400_000;

const binary = (res: import('superagent').Response, done: (err: Error | null, body: unknown) => void) => {
  const stream = res as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
};

interface HouseholdBody {
  householdNo: string;
  headName: string;
  village: string;
  township: string;
  registeredPoor: boolean;
  houseRating: string;
  plannedSubsidyYuan: string;
  stage: string;
}

describe('households as a workbook: Excel as people write it, every problem at once, export and back', () => {
  let system: TestSystem;
  let f: OrgFixture;
  let h: HousingFixture;

  beforeAll(async () => {
    system = await startTestSystem();
    f = await createOrgFixture(system);
    h = await addHousingFixture(system, f);
  });
  afterAll(async () => {
    await system?.close();
  });

  const newProgramme = async (name: string): Promise<string> => {
    const later = (days: number) => new Date(Date.now() + days * DAY).toISOString();
    const programme = await system
      .http()
      .post('/api/housing/programmes')
      .set('Authorization', f.auth.command)
      .send({
        name,
        housingBureau: 'zjj',
        stageDeadlines: { construction: later(90), acceptance: later(120), 'move-in': later(150) },
      })
      .expect(201);
    return (programme.body as { id: string }).id;
  };

  const importFile = (programme: string, file: Buffer, name = 'households.xlsx') =>
    system
      .http()
      .post(`/api/housing/programmes/${programme}/imports`)
      .set('Authorization', f.auth.command)
      .attach('file', file, name);

  const households = async (programme: string): Promise<HouseholdBody[]> =>
    (
      (
        await system
          .http()
          .get(`/api/housing/households?programme=${programme}&pageSize=500`)
          .set('Authorization', f.auth.command)
          .expect(200)
      ).body as { items: HouseholdBody[] }
    ).items.sort((a, b) => a.householdNo.localeCompare(b.householdNo));

  const exportOf = async (programme: string): Promise<Buffer> =>
    (
      await system
        .http()
        .get(`/api/housing/programmes/${programme}/households/export`)
        .set('Authorization', f.auth.command)
        .buffer(true)
        .parse(binary)
        .expect(200)
    ).body as Buffer;

  it('reads a workbook the way Excel writes it: titles, 序号, names, full-width, yes/no variants, numbers as text', async () => {
    const programme = await newProgramme('示范县危房改造（Excel）');
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Sheet1');
    sheet.addRow(['示范县2019年农村危房改造对象花名册']);
    sheet.mergeCells('A1:H1');
    sheet.addRow(['填报：住建局', '', '', '', '', '', '', '单位：元']);
    sheet.addRow([
      '序号',
      '户编号',
      '户主姓名',
      '乡镇',
      '村',
      '是否建档立卡贫困户',
      '房屋危险等级',
      '计划补助金额（元）',
    ]);
    sheet.addRow([1, 'Ｘ－０１', '\u3000张一 ', '甲镇', '甲村', '√', 'ｄ', 14000]);
    sheet.addRow([2, 'X-02', '张二', 'tA', 'vA1', 'Y', 'C', '１４０００.５０']);
    sheet.addRow([3, 'X-03', '张三\u00a0', '乙镇', '乙村', '否', 'D', ' 9,000 ']);
    sheet.addRow([4, 'X-04', '张四', '乙镇', 'vB1', 'n', 'D', 9000]);
    sheet.addRow([]);
    sheet.addRow(['', '\u3000', '']);
    const accepted = await importFile(programme, Buffer.from(await workbook.xlsx.writeBuffer())).expect(202);
    await awaitImport(system, f.auth.command, (accepted.body as { id: string }).id);
    expect(
      (await households(programme)).map((x) => [
        x.householdNo,
        x.headName,
        x.township,
        x.village,
        x.registeredPoor,
        x.houseRating,
        x.plannedSubsidyYuan,
      ]),
    ).toEqual([
      ['X-01', '张一', 'tA', 'vA1', true, 'D', '14000.00'],
      ['X-02', '张二', 'tA', 'vA1', true, 'C', '14000.50'],
      ['X-03', '张三', 'tB', 'vB1', false, 'D', '9000.00'],
      ['X-04', '张四', 'tB', 'vB1', false, 'D', '9000.00'],
    ]);
  });

  it('reports every problem of every row at once: cells, fields and references', async () => {
    const programme = await newProgramme('示范县危房改造（有误）');
    const csv = [
      '户编号,户主姓名,乡镇,村,是否建档立卡贫困户,房屋危险等级,计划补助金额（元）',
      'E-1,甲,甲镇,甲村,是,D,一万四', // a cell that is no number
      'E-2,,甲镇,甲村,是,D,14000', // a required field left empty
      'E-3,丙,甲镇,乙村,是,D,14000', // a village of another township
      'E-4,丁,甲镇,甲村,是,D,14000',
    ].join('\n');
    const response = await importFile(programme, Buffer.from(csv), 'households.csv').expect(400);
    expect(response.body.code).toBe('IMPORT_REJECTED');
    expect(response.body.details).toEqual([
      {
        row: 2,
        field: 'plannedSubsidy',
        column: '计划补助金额（元）',
        value: '一万四',
        problems: ['须为以元计的金额，例如 14000 或 14000.50'],
      },
      { row: 3, field: 'headName', column: '户主姓名', value: '', problems: expect.any(Array) },
      {
        row: 4,
        field: 'village',
        column: '村',
        value: '乙村',
        problems: ['村 乙村 不属于乡镇 甲镇'],
      },
    ]);
    expect(await households(programme)).toEqual([]);
  });

  it('exports a titled table with the template columns, then the stage and escalation as labels', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await exportOf(h.programme)) as unknown as ExcelJS.Buffer);
    const sheet = workbook.worksheets[0];
    expect(sheet.getCell('A1').text).toContain('农村危房改造');
    expect((sheet.getRow(2).values as unknown[]).slice(1)).toEqual([
      '序号',
      '户编号',
      '户主姓名',
      '乡镇',
      '村',
      '是否建档立卡贫困户',
      '房屋危险等级',
      '计划补助金额（元）',
      '当前阶段',
      '本阶段期限',
      '是否逾期',
      '督办级别',
    ]);
    expect((sheet.getRow(3).values as unknown[]).slice(1, 10)).toEqual([
      1,
      'H-A1',
      '户主H-A1',
      '甲镇',
      '甲村',
      '是',
      'D',
      14000,
      '危房鉴定',
    ]);
    // no deadline for 危房鉴定 in the fixture's programme: an empty cell
    expect(sheet.getCell('J3').value).toBe('');
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(sheet.pageSetup).toMatchObject({ orientation: 'landscape', fitToWidth: 1, printTitlesRow: '2:2' });
    // a township gets its own households only
    const own = await system
      .http()
      .get(`/api/housing/programmes/${h.programme}/households/export`)
      .set('Authorization', f.auth.deptA)
      .buffer(true)
      .parse(binary)
      .expect(200);
    const township = new ExcelJS.Workbook();
    await township.xlsx.load(own.body as ExcelJS.Buffer);
    const numbers: unknown[] = [];
    township.worksheets[0].eachRow((row, n) => n > 2 && numbers.push(row.getCell(2).value));
    expect(numbers).toEqual(['H-A1']);
  });

  it('writes a stage deadline given as a day as that day, an Excel date cell', async () => {
    const day = new Date(Date.now() + 8 * 3600_000 + 30 * DAY).toISOString().slice(0, 10);
    const programme = (
      await system
        .http()
        .post('/api/housing/programmes')
        .set('Authorization', f.auth.command)
        .send({ name: '示范县危房改造（期限）', housingBureau: 'zjj', stageDeadlines: { appraisal: day } })
        .expect(201)
    ).body.id as string;
    const csv =
      '户编号,户主姓名,乡镇,村,是否建档立卡贫困户,房屋危险等级,计划补助金额（元）\nD-1,甲,tA,vA1,是,D,14000';
    const accepted = await importFile(programme, Buffer.from(csv), 'households.csv').expect(202);
    await awaitImport(system, f.auth.command, (accepted.body as { id: string }).id);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await exportOf(programme)) as unknown as ExcelJS.Buffer);
    const cell = workbook.worksheets[0].getCell('J3');
    expect(cell.value).toEqual(new Date(`${day}T00:00:00.000Z`));
    expect(cell.numFmt).toBe('yyyy-mm-dd');
  });

  it('round-trips: an exported household list imports unchanged into a fresh programme', async () => {
    const fresh = await newProgramme('示范县危房改造（往返）');
    const accepted = await importFile(fresh, await exportOf(h.programme)).expect(202);
    await awaitImport(system, f.auth.command, (accepted.body as { id: string }).id);
    const facts = (x: HouseholdBody) => [
      x.householdNo,
      x.headName,
      x.township,
      x.village,
      x.registeredPoor,
      x.houseRating,
      x.plannedSubsidyYuan,
    ];
    const original = (await households(h.programme)).map(facts);
    expect(original.length).toBeGreaterThan(0);
    expect((await households(fresh)).map(facts)).toEqual(original);
  });
});
