/**
 * The leadership's campaign pages in a real browser, on the example plan (examples/campaigns:
 * bairi-2018.yaml and units.csv) moved as the README moves it, to run from today: the campaign
 * list, the battle map (a date deadline as written, live when a department reports, filters in the
 * URL, 375 px wide) and the wall display at 1920×1080.
 */
import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { startBrowserHarness, type BrowserHarness, type Page, type WebPerson } from '../support/browser';
import { awaitTaskLaunched } from '../support/campaign-fixture';

const EXAMPLES = join(__dirname, '../../examples/campaigns');
const CST = 8 * 3_600_000;
const cstToday = () => new Date(Date.now() + CST).toISOString().slice(0, 10);

/** Rows of the task table by task key (antd writes each row's key as data-row-key). */
const rowOf = (page: Page, key: string) =>
  page.getByTestId('task-table').locator(`tr[data-row-key="${key}"]`);
const rowKeys = (page: Page) =>
  page
    .getByTestId('task-table')
    .locator('tbody tr[data-row-key]')
    .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-row-key')));
// In-page callbacks (page.evaluate) run in the browser; the DOM names they use, for this file only
// (the project compiles for Node, without the DOM library).
interface PageBox {
  scrollWidth: number;
  clientWidth: number;
  scrollHeight: number;
  clientHeight: number;
}
declare const document: { documentElement: PageBox };
declare const window: object;
declare function getComputedStyle(element: unknown): { backgroundColor: string };

/** Whether the page scrolls sideways (or, with `vertical`, also down). */
const scrolls = (page: Page, vertical = false) =>
  page.evaluate((vertical) => {
    const root = document.documentElement;
    return root.scrollWidth > root.clientWidth || (vertical && root.scrollHeight > root.clientHeight);
  }, vertical);

describe('web console: campaign list, battle map and wall display (browser)', () => {
  let web: BrowserHarness;
  let leader: WebPerson;
  let wjj: WebPerson;
  let campaignId: string;
  /** The window's last day: the end of this year (of the next one from December on), as the README moves it. */
  const year = Number(cstToday().slice(0, 4)) + (cstToday().slice(5, 7) === '12' ? 1 : 0);
  const earlyDay = `${year}-12-15`;
  const lastDay = `${year}-12-31`;

  beforeAll(async () => {
    web = await startBrowserHarness();
    const { system } = web;
    await system
      .http()
      .post('/api/units/import')
      .set('Authorization', system.adminAuth)
      .attach('file', readFileSync(join(EXAMPLES, 'units.csv')), 'units.csv')
      .expect(201);
    const command = await web.createPerson('command-center', 'county');
    leader = await web.createPerson('leadership', 'county', { displayName: '县长' });
    wjj = await web.createPerson('department', 'wjj', { displayName: '卫计局干部' });
    const calendar = await system.http().get(`/api/calendar/${year}`).set('Authorization', system.adminAuth);
    if (!(calendar.body as { known: boolean }).known)
      await system
        .http()
        .put(`/api/calendar/${year}`)
        .set('Authorization', system.adminAuth)
        .send({ holidays: [], workdays: [] })
        .expect(200);
    // README: sed -e "s/'2018-06-20'/'$TODAY'/" -e "s/2018-06-30/$YEAR-12-15/g" -e "s/2018-09-30/$YEAR-12-31/g"
    const yaml = readFileSync(join(EXAMPLES, 'bairi-2018.yaml'), 'utf8')
      .replace(`'2018-06-20'`, `'${cstToday()}'`)
      .replaceAll('2018-06-30', earlyDay)
      .replaceAll('2018-09-30', lastDay);
    const created = await system
      .http()
      .post('/api/campaigns')
      .set('Authorization', command.auth)
      .set('Content-Type', 'application/yaml')
      .send(yaml)
      .expect(201);
    campaignId = (created.body as { id: string }).id;
    await system
      .http()
      .post(`/api/campaigns/${campaignId}/launch`)
      .set('Authorization', command.auth)
      .expect(200);
    // T5.1's workflow takes reports once it has written its launch step.
    await awaitTaskLaunched(system, command.auth, campaignId, 'T5.1');
  });

  afterAll(async () => {
    await web?.close();
  });

  it('lists the campaign with its state; the status filter is in the URL; a row opens its battle map', async () => {
    const page = await (await web.newContext()).newPage();
    await web.signInAs(page, leader.username, leader.password);
    await page.goto('/campaigns?status=closed');
    await page.getByText('没有该状态的攻坚行动').waitFor();
    await page.goto('/campaigns?status=running');
    const row = page.getByTestId('campaign-table').locator(`tr[data-row-key="${campaignId}"]`);
    await row.getByText('推进中').waitFor();
    await row.getByText(`${cstToday()} 至 ${lastDay}`).waitFor();
    await row.getByRole('link', { name: /百日攻坚行动/ }).click();
    await page.waitForURL(`**/campaigns/${campaignId}`);
    await page.getByTestId('task-table').waitFor();
  });

  it('shows the task tree with a date deadline as written, and changes live when the lead unit reports progress', async () => {
    const page = await (await web.newContext()).newPage();
    await web.signInAs(page, leader.username, leader.password);
    await page.goto(`/campaigns/${campaignId}`);
    const t51 = rowOf(page, 'T5.1');
    await t51.waitFor();
    // "6月底前" moved to 12-15: the day as written, not the next day's 00:00
    await expectText(page.getByTestId('deadline-T5.1'), earlyDay);
    await t51.getByText('0 / 1020 人').waitFor();
    await t51.getByText('县卫计局').waitFor();
    await t51.getByText('城关镇、新华镇').waitFor();
    await page.getByTestId('live-state').getByText('实时').waitFor();
    await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));

    // The department of 卫计局, in a browser of its own, reports 510 of 1020 people.
    const department = await (await web.newContext()).newPage();
    await web.signInAs(department, wjj.username, wjj.password);
    const reported = await department.request.post(`/api/campaigns/${campaignId}/tasks/T5.1/progress`, {
      headers: { Authorization: wjj.auth, 'Idempotency-Key': crypto.randomUUID() },
      data: { quantityDone: 510, narrative: '已核实参合未缴费贫困人口510人' },
    });
    expect(reported.status()).toBe(200);

    await t51.getByText('510 / 1020 人').waitFor({ timeout: 15_000 });
    await t51.getByLabel('T5.1 进度 50%').waitFor();
    // the group rolls up: (50 + 0 + 0) / 3
    await rowOf(page, 'T5').getByLabel('T5 进度 16.7%').waitFor();
    const notReloaded = () =>
      page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded === true);
    expect(await notReloaded()).toBe(true);

    // The connection drops (the server closes every connection, and the way back stays shut for a
    // while): the badge says so; a report made meanwhile shows once the stream is back, resumed after
    // the last event the page had (Last-Event-ID).
    const resumedAfter: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes(`/api/campaigns/${campaignId}/events`))
        void request.allHeaders().then((headers) => resumedAfter.push(headers['last-event-id'] ?? ''));
    });
    const events = `**/api/campaigns/${campaignId}/events**`;
    await page.route(events, (route) => route.abort('connectionfailed'));
    (web.system.api.getHttpServer() as Server).closeAllConnections();
    await page.getByTestId('live-state').getByText('重新连接中…').waitFor();
    await web.system
      .http()
      .post(`/api/campaigns/${campaignId}/tasks/T5.1/progress`)
      .set('Authorization', wjj.auth)
      .send({ quantityDone: 714, narrative: '再核实204人' })
      .expect(200);
    await page.unroute(events);
    await page.getByTestId('live-state').getByText('实时').waitFor({ timeout: 20_000 });
    await t51.getByText('714 / 1020 人').waitFor({ timeout: 15_000 });
    await t51.getByLabel('T5.1 进度 70%').waitFor();
    expect(resumedAfter.some((id) => /^\d+$/.test(id))).toBe(true);
    expect(await notReloaded()).toBe(true);
  });

  it('shows only the tasks of the unit named in the URL, lead or cooperating', async () => {
    const page = await (await web.newContext()).newPage();
    await web.signInAs(page, leader.username, leader.password);
    await page.goto(`/campaigns/${campaignId}?unit=wjj`);
    await rowOf(page, 'T5.1').waitFor();
    expect(await rowKeys(page)).toEqual(['T5', 'T5.1', 'T5.2', 'T5.3']);
    await page.getByLabel('责任单位').locator('..').locator('..').getByText('县卫计局').waitFor();
    // another unit's filter from the URL: 金融办 leads T3 alone
    await page.goto(`/campaigns/${campaignId}?unit=jrb`);
    await rowOf(page, 'T3').waitFor();
    expect(await rowKeys(page)).toEqual(['T3']);
  });

  it('fits a 375 px phone: the list and the battle map scroll their tables, never the page', async () => {
    const page = await (await web.newContext({ viewport: { width: 375, height: 812 } })).newPage();
    await web.signInAs(page, leader.username, leader.password);
    await page.goto('/campaigns');
    await page.getByTestId('campaign-table').locator(`tr[data-row-key="${campaignId}"]`).waitFor();
    expect(await scrolls(page)).toBe(false);
    await page.goto(`/campaigns/${campaignId}`);
    await rowOf(page, 'T5.1').waitFor();
    expect(await scrolls(page)).toBe(false);
  });

  it('renders the wall display at 1920×1080, dark and live, without scrollbars', async () => {
    const page = await (await web.newContext({ viewport: { width: 1920, height: 1080 } })).newPage();
    await web.signInAs(page, leader.username, leader.password);
    await page.goto(`/wall/${campaignId}`);
    const wall = page.getByTestId('wall-display');
    await wall.getByRole('heading', { name: /百日攻坚行动/ }).waitFor();
    await wall.getByTestId('live-state').getByText('实时').waitFor();
    await wall.getByText('牵头单位排名').waitFor();
    await wall.getByTestId('wall-clock').waitFor();
    // no navigation of the console around it
    expect(await page.getByRole('navigation', { name: '主导航' }).count()).toBe(0);
    expect(await scrolls(page, true)).toBe(false);
    const background = await wall.evaluate((element) => getComputedStyle(element).backgroundColor);
    expect(background).toBe('rgb(11, 21, 38)');
  });
});

async function expectText(locator: ReturnType<Page['locator']>, text: string): Promise<void> {
  await locator.waitFor();
  expect((await locator.innerText()).trim()).toBe(text);
}
