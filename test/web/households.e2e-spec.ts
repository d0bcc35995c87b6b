/**
 * The households pages in a real browser: a township's table with its filters in the URL, a bulk
 * step where one household is refused and the others go ahead, the table at phone width, and one
 * household's page.
 */
import { cstDate } from '../../libs/domain/src/time/china-time';
import { settled } from '../support/antd-controls';
import { STAGE_LABELS } from '../../libs/domain/src/housing/household-stages';
import { startBrowserHarness, type BrowserHarness, type Page } from '../support/browser';
import { eventually } from '../support/eventually';
import { addHousingFixture, type HousingFixture } from '../support/housing-fixture';
import { createOrgFixture, FIXTURE_PASSWORD, type OrgFixture } from '../support/org-fixture';

const DAY = 86_400_000;

describe('web console: households (browser)', () => {
  let web: BrowserHarness;
  let f: OrgFixture;
  let h: HousingFixture;
  /** The day before the test's own today, in China Standard Time. */
  const yesterday = cstDate(new Date(Date.now() - DAY));

  beforeAll(async () => {
    web = await startBrowserHarness();
    f = await createOrgFixture(web.system);
    // 甲镇 has four households, 乙镇 one (which 甲镇's cadre must not see).
    h = await addHousingFixture(web.system, f, {
      rows: [
        ['H-A1', 'vA1', 'tA'],
        ['H-A2', 'vA1', 'tA'],
        ['H-A3', 'vA1', 'tA', false],
        ['H-A4', 'vA1', 'tA'],
        ['H-B1', 'vB1', 'tB'],
      ],
    });
    // H-A3 leaves the programme before the bulk step: that step must be refused for it alone.
    await web.system
      .http()
      .post(`/api/housing/households/${h.households['H-A3']}/steps`)
      .set('Authorization', f.auth.deptA)
      .send({ type: 'withdraw', reason: '户主自愿放弃改造' })
      .expect(200);
  }, 240_000);

  afterAll(async () => {
    await web?.close();
  });

  const township = async (viewport?: { width: number; height: number }): Promise<Page> => {
    const context = await web.newContext(viewport ? { viewport } : {});
    const page = await context.newPage();
    await web.signInAs(page, 'deptA', FIXTURE_PASSWORD);
    return page;
  };
  const row = (page: Page, householdNo: string) =>
    page.getByRole('main').getByRole('row').filter({ hasText: householdNo });
  /** Household numbers as the table shows them, top to bottom. */
  const shownInOrder = (page: Page): Promise<string[]> =>
    page.getByRole('main').locator('tbody tr[data-row-key] td a').allInnerTexts();
  const shownNumbers = async (page: Page): Promise<string[]> => (await shownInOrder(page)).sort();
  const waitUntilShown = async (page: Page, read: (page: Page) => Promise<string[]>, expected: string[]) => {
    const same = (shown: string[]) => JSON.stringify(shown) === JSON.stringify(expected);
    // after 30 s (a loaded CI machine), the assertion shows what differs
    const shown = await eventually(() => read(page), same, 'the rows', { timeoutMs: 30_000 }).catch(() =>
      read(page),
    );
    expect(shown).toEqual(expected);
  };
  const waitForRows = (page: Page, expected: string[]) => waitUntilShown(page, shownNumbers, expected);
  const waitForOrder = (page: Page, expected: string[]) => waitUntilShown(page, shownInOrder, expected);

  it('runs a bulk appraisal for three households: the withdrawn one is refused with its reason, the others move on', async () => {
    const page = await township();
    await page.goto(`/households?programme=${h.programme}`);
    await waitForRows(page, ['H-A1', 'H-A2', 'H-A3', 'H-A4']);
    await row(page, 'H-A3').getByText(STAGE_LABELS.withdrawn).waitFor();

    for (const no of ['H-A1', 'H-A2', 'H-A3']) await row(page, no).getByRole('checkbox').check();
    await page.getByText('已选 3 户').waitFor();
    await page.getByRole('button', { name: '批量办理' }).click();

    const dialog = await settled(page.getByRole('dialog'));
    // The step form shows only what an appraisal needs: the rating, the day, a note.
    await dialog.getByLabel('办理事项').waitFor();
    expect(await dialog.getByLabel('退出原因').count()).toBe(0);
    // chosen again if the dialog's form was still setting its first values when it was clicked
    const rating = dialog.getByLabel('D 级');
    await eventually(
      async () => {
        await rating.check().catch(() => undefined);
        return rating.isChecked();
      },
      Boolean,
      'the rating D chosen',
    );
    const day = dialog.getByLabel('发生日期');
    await day.click();
    await day.fill(yesterday);
    await day.press('Enter');
    await dialog.getByRole('button', { name: /提交（3 户）/ }).click();

    await dialog.getByText('办理完成：成功 2 户，未办理 1 户').waitFor();
    await dialog.getByText('已处理 3 / 3 户').waitFor();
    const result = (no: string) => dialog.getByRole('row').filter({ hasText: no });
    expect(await result('H-A3').innerText()).toContain('未办理');
    expect(await result('H-A3').innerText()).toContain('该户已退出，不能再办理');
    expect(await result('H-A3').innerText()).toContain('WITHDRAWN');
    for (const no of ['H-A1', 'H-A2']) {
      expect(await result(no).innerText()).toContain('成功');
      expect(await result(no).innerText()).toContain(`现处于「${STAGE_LABELS.approval}」`);
    }
    await dialog
      .getByRole('button', { name: /^关\s*闭$/ })
      .last()
      .click();

    // The table refetched: the two appraised households wait for approval, the others did not move.
    await row(page, 'H-A1').getByText(STAGE_LABELS.approval).waitFor();
    await row(page, 'H-A2').getByText(STAGE_LABELS.approval).waitFor();
    expect(await row(page, 'H-A3').innerText()).toContain(STAGE_LABELS.withdrawn);
    expect(await row(page, 'H-A4').innerText()).toContain(STAGE_LABELS.appraisal);
    await page.getByText('已选 0 户').waitFor();
  });

  it('keeps the filters, the order and the page in the URL: a reload (or a link) shows the same rows', async () => {
    const page = await township();
    await page.goto(`/households?programme=${h.programme}`);
    await waitForRows(page, ['H-A1', 'H-A2', 'H-A3', 'H-A4']);

    await page.getByLabel('阶段').click();
    // The visible item of antd's (virtual) option list; the role=option nodes are for screen readers.
    await page.locator('.ant-select-item-option').filter({ hasText: STAGE_LABELS.approval }).click();
    await page.waitForURL((url) => url.searchParams.get('stage') === 'approval');
    await waitForRows(page, ['H-A1', 'H-A2']);

    await page.reload();
    await waitForRows(page, ['H-A1', 'H-A2']);
    expect(new URL(page.url()).searchParams.get('programme')).toBe(h.programme);

    // The order is the server's, kept in the URL: 户编号 ascending, then descending.
    await page.goto(`/households?programme=${h.programme}`);
    await waitForOrder(page, ['H-A1', 'H-A2', 'H-A3', 'H-A4']);
    const numberHeader = page.getByRole('main').getByRole('columnheader', { name: /户编号/ });
    await numberHeader.click();
    await page.waitForURL((url) => url.searchParams.get('sort') === 'householdNo');
    await waitForOrder(page, ['H-A1', 'H-A2', 'H-A3', 'H-A4']);
    await page.getByRole('main').locator('.ant-spin-spinning').waitFor({ state: 'detached' });
    await numberHeader.click();
    await page.waitForURL((url) => url.searchParams.get('sort') === '-householdNo');
    await waitForOrder(page, ['H-A4', 'H-A3', 'H-A2', 'H-A1']);
    await page.reload();
    await waitForOrder(page, ['H-A4', 'H-A3', 'H-A2', 'H-A1']);

    // Another page links here with the API's query names.
    await page.goto(`/households?programme=${h.programme}&stage=appraisal&pageSize=20`);
    await waitForRows(page, ['H-A4']);
    await page.goto(`/households?programme=${h.programme}&overdue=true`);
    // Every stage deadline of the fixture is months away: nobody is overdue.
    await page.getByRole('main').getByText('没有符合筛选条件的农户').waitFor();
    expect(await shownNumbers(page)).toEqual([]);
  });

  it('at 375 px the table scrolls inside its box, filters fold away, and the bulk action stays reachable', async () => {
    const page = await township({ width: 375, height: 812 });
    await page.goto(`/households?programme=${h.programme}`);
    await waitForRows(page, ['H-A1', 'H-A2', 'H-A3', 'H-A4']);
    const widths = await page.evaluate<{ page: number; viewport: number }>(
      '({ page: document.documentElement.scrollWidth, viewport: window.innerWidth })',
    );
    expect(widths.page).toBeLessThanOrEqual(widths.viewport);
    // Filters are folded under 筛选 until opened.
    expect(await page.getByLabel('阶段').isVisible()).toBe(false);
    await page.getByRole('button', { name: /^(filter )?筛选$/ }).click();
    await page.getByLabel('阶段').waitFor();
    await row(page, 'H-A4').getByRole('checkbox').check();
    const bulk = page.getByRole('button', { name: '批量办理' });
    await bulk.scrollIntoViewIfNeeded();
    expect(await bulk.isEnabled()).toBe(true);
    const box = await bulk.boundingBox();
    expect(box!.x + box!.width).toBeLessThanOrEqual(375);
  });

  it("shows a household's stage, pipeline and timeline, and a refused step next to its action", async () => {
    const page = await township();
    await page.goto(`/households/${h.households['H-A1']}`);
    await page.getByTestId('household-stage').getByText(STAGE_LABELS.approval).waitFor();
    await page.getByLabel('改造流程').getByText('当前：村级评议').waitFor();
    await page
      .getByTestId('timeline-entry')
      .filter({ hasText: `危房鉴定为 D 级，进入审核审批（发生于 ${yesterday}）` })
      .waitFor();

    // Village approval is the village's to give: the township's attempt is refused, with the reason.
    await page.getByRole('button', { name: '审批通过' }).click();
    const dialog = await settled(page.getByRole('dialog'));
    await dialog.getByRole('button', { name: /^提\s*交$/ }).click();
    await dialog.getByRole('alert').filter({ hasText: '村级评议须由单位 vA1 办理' }).waitFor();
  });
});
