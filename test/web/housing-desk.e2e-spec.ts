/**
 * The command center's desk of a housing programme in a real browser: a programme created in the
 * form (stage deadlines on date pickers, a notice period in days, the ladder's example dates; a
 * deadline out of order refused on its field), a workbook with one bad row refused naming that row
 * and its reason, the corrected workbook imported with its progress followed to the end and kept
 * across a reload (?import=), and the monthly report of a month given in the URL, downloadable as
 * XLSX. Every date is fixed in 2099: no assertion depends on today's date.
 */
import * as fs from 'node:fs';
import type { Page } from 'playwright-core';
import { fieldError, pickDate, pickUnit } from '../support/antd-controls';
import { startBrowserHarness, type BrowserHarness, type WebPerson } from '../support/browser';
import { householdCsv } from '../support/housing-fixture';

describe('web console: a housing programme on the command center’s desk (browser)', () => {
  let web: BrowserHarness;
  let command: WebPerson;
  let page: Page;
  let programmeId = '';

  beforeAll(async () => {
    web = await startBrowserHarness();
    await web.createUnits();
    command = await web.createPerson('command-center', 'c1');
    const context = await web.newContext({ viewport: { width: 1440, height: 900 } });
    page = await context.newPage();
    await web.signInAs(page, command.username, command.password);
  });
  afterAll(() => web?.close());

  it('creates a programme: stage deadlines as dates, a notice period in days, the ladder shown as dates; a deadline out of order refused on its field', async () => {
    await page
      .getByRole('navigation', { name: '主导航' })
      .getByRole('menuitem', { name: /新建危房改造项目/ })
      .click();
    await page.waitForURL('**/housing/new');
    const form = page.getByRole('form', { name: '新建危房改造项目' });
    await form.getByLabel('项目名称').fill('2099年农村危房改造');
    await pickUnit(page, 'housingBureau', 'zjj');
    await pickDate(page.locator('[id="stageDeadlines_construction"]'), '2099-06-30');
    // 入住 before 施工 ends: the API refuses it on that field.
    await pickDate(page.locator('[id="stageDeadlines_move-in"]'), '2099-05-31');
    // The ladder's dates for the first deadline (施工中, end of 30 June): the reminder three days
    // before, the summons (约谈) fourteen days after.
    await form.getByTestId('ladder-example-1').filter({ hasText: '2099-06-27' }).waitFor();
    await form.getByTestId('ladder-example-4').filter({ hasText: '2099-07-14' }).waitFor();
    await form.getByTestId('ladder-step-1').getByText('期限前 3 天').waitFor();
    const villageNotice = form.getByRole('spinbutton', { name: '村级评议后公示', exact: true });
    expect(await villageNotice.inputValue()).toBe('7');
    await villageNotice.fill('10');

    await form.getByRole('button', { name: '建立项目' }).click();
    await fieldError(page, 'stageDeadlines_move-in').filter({ hasText: '不得早于“施工中”' }).waitFor();
    expect(page.url()).toMatch(/\/housing\/new$/);

    await pickDate(page.locator('[id="stageDeadlines_move-in"]'), '2099-08-31');
    await form.getByRole('button', { name: '建立项目' }).click();
    await page.waitForURL(/\/housing\/[0-9a-f-]{36}\/desk$/);
    programmeId = page.url().split('/').at(-2) ?? '';
    const settings = page.getByTestId('programme-settings');
    await settings.getByText('2099-06-30').waitFor();
    await settings.getByText('2099-08-31').waitFor();
    await settings.getByText('10 天').waitFor();

    const saved = await web.system
      .http()
      .get(`/api/housing/programmes/${programmeId}`)
      .set('Authorization', command.auth)
      .expect(200);
    expect(saved.body).toMatchObject({
      name: '2099年农村危房改造',
      housingBureau: 'zjj',
      stageDeadlineDates: { construction: '2099-06-30', 'move-in': '2099-08-31' },
      noticePeriods: { village: 'P10D', township: null, county: 'P5D' },
      stallAfter: 'P30D',
    });
  });

  it('refuses a workbook with one bad row, naming the row and why; imports the corrected one and follows its progress to the end, across a reload', async () => {
    const desk = page.getByTestId('household-import');
    const file = (rows: Array<[string, string, string]>) => ({
      name: 'households.csv',
      mimeType: 'text/csv',
      buffer: householdCsv(rows),
    });
    await desk.locator('input[type="file"]').setInputFiles(
      file([
        ['H-0001', 'vA1', 'tA'],
        ['H-0002', 'nowhere', 'tB'],
        ['H-0003', 'vB1', 'tB'],
      ]),
    );
    const problems = desk.getByTestId('import-problems');
    await problems.waitFor();
    const rows = problems.locator('tbody tr.ant-table-row');
    expect(await rows.count()).toBe(1);
    // The header is row 1: the second household is row 3.
    expect(await rows.first().locator('td').first().innerText()).toBe('3');
    expect(await rows.first().innerText()).toContain('nowhere');
    await desk.getByText('导入未执行：1 行有误（第 3 行）').waitFor();
    expect(new URL(page.url()).searchParams.get('import')).toBeNull();

    await desk.locator('input[type="file"]').setInputFiles(
      file([
        ['H-0001', 'vA1', 'tA'],
        ['H-0002', 'vB1', 'tB'],
        ['H-0003', 'vB1', 'tB'],
      ]),
    );
    await desk.getByTestId('import-status').filter({ hasText: '导入完成：3 户的流程均已启动' }).waitFor({
      timeout: 60_000,
    });
    expect(await problems.count()).toBe(0);
    expect(await desk.getByRole('progressbar').innerText()).toContain('3 / 3');
    const importId = new URL(page.url()).searchParams.get('import');
    expect(importId).toMatch(/^[0-9a-f-]{36}$/);

    await page.reload();
    await page
      .getByTestId('household-import')
      .getByTestId('import-status')
      .filter({ hasText: '导入完成：3 户的流程均已启动' })
      .waitFor();
    const progress = await web.system
      .http()
      .get(`/api/housing/imports/${importId}`)
      .set('Authorization', command.auth)
      .expect(200);
    expect(progress.body).toMatchObject({ households: 3, started: 3, status: 'done' });
  });

  it('opens the monthly report of the month in the URL and downloads it as XLSX', async () => {
    await page.goto(`${web.baseUrl}/housing/${programmeId}/desk?month=2099-06`);
    const report = page.getByTestId('desk-monthly-report');
    expect(await report.locator('#report-month').inputValue()).toBe('2099-06');
    const table = report.getByTestId('monthly-report-table');
    await table.locator('tr[data-row-key="tA"]', { hasText: '甲镇' }).waitFor();
    const townshipB = table.locator('tr[data-row-key="tB"]');
    expect((await townshipB.locator('td').allInnerTexts()).slice(0, 2)).toEqual(['乙镇', '2']);
    await table
      .locator('.ant-table-summary', { hasText: '合计' })
      .getByText('3', { exact: true })
      .first()
      .waitFor();

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      report.getByRole('button', { name: /下载月报 XLSX/ }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('月报-2099-06.xlsx');
    const saved = await download.path();
    // An XLSX file is a ZIP archive.
    expect(fs.readFileSync(saved).subarray(0, 2).toString('latin1')).toBe('PK');

    // Choosing another month puts it in the URL.
    await report.locator('#report-month').click();
    await report.locator('#report-month').fill('2099-07');
    await report.locator('#report-month').press('Enter');
    await page.waitForURL(/month=2099-07/);
  });
});
