import ExcelJS from 'exceljs';
import type { Response } from 'supertest';
import { DataSource } from 'typeorm';
import { createCampaignBulletinActivities } from '../activities/campaign/campaign-bulletin.activities';
import { awaitTaskLaunched, createCampaign, cstDaysFromNow, fixturePlan } from './support/campaign-fixture';
import { createOrgFixture, OrgFixture } from './support/org-fixture';
import { startTestSystem, TestSystem } from './support/test-system';

const DAY = 86_400_000;

/** The first sheet of a downloaded workbook: its title (row 1) and the row of task `key` (by its 任务 column). */
async function firstSheet(body: Buffer): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as unknown as ArrayBuffer);
  return workbook.worksheets[0];
}

/** The cell under `header` (row 2) in the row whose 任务 column holds `key`. */
function cellOf(sheet: ExcelJS.Worksheet, key: string, header: string): ExcelJS.Cell {
  const headers = (sheet.getRow(2).values as unknown[]).map((v) => (typeof v === 'string' ? v : ''));
  const keyColumn = headers.indexOf('任务');
  const column = headers.indexOf(header);
  expect(keyColumn).toBeGreaterThan(0);
  expect(column).toBeGreaterThan(0);
  for (let r = 3; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    if (row.getCell(keyColumn).value === key) return row.getCell(column);
  }
  throw new Error(`no row for ${key} in ${sheet.name}`);
}

/** The answer's bytes as they came (an XLSX file). */
function binary(response: Response, callback: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  response.on('data', (chunk: Buffer) => chunks.push(chunk));
  response.on('end', () => callback(null, Buffer.concat(chunks)));
}

describe('campaign documents people download: bulletin, final report, battle map as XLSX and HTML', () => {
  let system: TestSystem;
  let f: OrgFixture;
  let campaignId: string;
  // TA's deadline as written in the plan; TB's as well (both dates, read as the day written)
  const deadlineA = cstDaysFromNow(20);
  const deadlineB = cstDaysFromNow(60);

  beforeAll(async () => {
    system = await startTestSystem();
    f = await createOrgFixture(system);
    campaignId = await createCampaign(
      system,
      f.auth.command,
      fixturePlan({
        name: '示范县文书下载行动',
        tasks: [
          { key: 'TA', name: '甲镇危房改造', lead: 'tA', cooperating: ['vA1'], deadline: deadlineA },
          { key: 'TB', name: '乙镇饮水安全', lead: 'tB', deadline: deadlineB },
        ],
      }),
    );
    await system
      .http()
      .post(`/api/campaigns/${campaignId}/launch`)
      .set('Authorization', f.auth.command)
      .expect(200);
    for (const key of ['TA', 'TB']) await awaitTaskLaunched(system, f.auth.command, campaignId, key);
  });
  afterAll(async () => {
    await system?.close();
  });

  const get = (auth: string, path: string) => system.http().get(path).set('Authorization', auth);
  const download = (auth: string, path: string) => get(auth, path).buffer(true).parse(binary).expect(200);

  it('downloads the battle map as a workbook and a printable page, deadlines as written', async () => {
    const workbook = await download(f.auth.leader, `/api/campaigns/${campaignId}/progress/xlsx`);
    expect(workbook.headers['content-type']).toContain('spreadsheetml');
    expect(workbook.headers['content-disposition']).toContain(
      encodeURIComponent('示范县文书下载行动挂图作战表.xlsx'),
    );
    const sheet = await firstSheet(workbook.body as Buffer);
    expect(sheet.getCell('A1').value).toBe('示范县文书下载行动挂图作战表——任务推进情况');
    // the day written, as an Excel date of that day (not the next day's 00:00)
    const deadline = cellOf(sheet, 'TA', '完成期限');
    expect(deadline.value).toEqual(new Date(`${deadlineA}T00:00:00.000Z`));
    expect(deadline.numFmt).toBe('yyyy-mm-dd');
    expect(cellOf(sheet, 'TB', '牵头单位').value).toBe('乙镇');

    const html = await get(f.auth.leader, `/api/campaigns/${campaignId}/progress/html`).expect(200);
    expect(html.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(html.headers['content-security-policy']).toContain("default-src 'none'");
    expect(html.text).toContain('<h1>示范县文书下载行动挂图作战表</h1>');
    expect(html.text).toContain(`<td>TA</td><td>甲镇危房改造</td><td>甲镇</td><td>甲村</td>`);
    expect(html.text).toContain(`<td>${deadlineA}</td>`);
    expect(html.text).toContain(`<td>${deadlineB}</td>`);
  });

  it('answers a department the campaign names, and 404 to one it does not (as the JSON route)', async () => {
    await get(f.auth.deptA, `/api/campaigns/${campaignId}/progress/html`).expect(200);
    const plan = fixturePlan({
      name: '甲镇专项行动',
      goals: [],
      tasks: [{ key: 'TA', name: '甲镇人居环境整治', lead: 'tA', deadline: cstDaysFromNow(30) }],
    });
    const ofA = await createCampaign(system, f.auth.command, plan);
    await get(f.auth.deptA, `/api/campaigns/${ofA}/progress/xlsx`).expect(200);
    for (const suffix of ['', '/html', '/xlsx'])
      expect((await get(f.auth.deptB, `/api/campaigns/${ofA}/progress${suffix}`).expect(404)).text).toContain(
        'CAMPAIGN_NOT_FOUND',
      );
  });

  it('downloads a weekly bulletin (文号, an overdue task with its deadline as written) as a workbook and a page', async () => {
    // the workflow's own activity publishes bulletin 1 as of the day after TA's deadline
    const asOf = new Date(Date.parse(`${deadlineA}T00:00:00+08:00`) + DAY + 9 * 3_600_000).toISOString();
    await createCampaignBulletinActivities(system.api.get(DataSource)).publishCampaignBulletin({
      campaignId,
      number: 1,
      asOf,
    });
    const html = await get(f.auth.leader, `/api/campaigns/${campaignId}/bulletins/1/html`).expect(200);
    expect(html.text).toMatch(/<p class="doc-number">通报〔\d{4}〕第\d+期<\/p>/);
    expect(html.text).toContain('<h1>示范县文书下载行动工作通报（第1期）</h1>');
    expect(html.text).toContain(`<td>TA</td><td>甲镇危房改造</td><td>甲镇</td><td>${deadlineA}</td>`);

    const workbook = await download(f.auth.leader, `/api/campaigns/${campaignId}/bulletins/1/xlsx`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(workbook.body);
    const overdue = book.getWorksheet('逾期任务');
    expect(overdue).toBeDefined();
    expect(overdue!.getCell('A1').text).toMatch(/^示范县文书下载行动工作通报（第1期）.*——逾期任务$/);
    expect(cellOf(overdue!, 'TA', '完成期限').value).toEqual(new Date(`${deadlineA}T00:00:00.000Z`));
  });

  it('downloads the final report once closed, as a workbook and a page, deadlines as written', async () => {
    await system
      .http()
      .post(`/api/campaigns/${campaignId}/close`)
      .set('Authorization', f.auth.command)
      .send({ note: '行动结束' })
      .expect(200);
    const html = await get(f.auth.leader, `/api/campaigns/${campaignId}/final-report/html`).expect(200);
    expect(html.text).toContain('<h1>示范县文书下载行动总结报告</h1>');
    expect(html.text).toContain(`<td>${deadlineA}</td>`);
    expect(html.text).toContain(`<td>${deadlineB}</td>`);

    const workbook = await download(f.auth.leader, `/api/campaigns/${campaignId}/final-report/xlsx`);
    const sheet = await firstSheet(workbook.body as Buffer);
    expect(sheet.getCell('A1').value).toBe('示范县文书下载行动总结报告——任务完成明细');
    expect(cellOf(sheet, 'TB', '完成期限').value).toEqual(new Date(`${deadlineB}T00:00:00.000Z`));
  });
});
