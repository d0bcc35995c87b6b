/**
 * The command center's desk on a rectification ledger, in a real browser: an item registered in the
 * form with its responsible person and verifier chosen by name (a problem the API names shown on
 * its field first), the item table filtered from the URL showing the same rows after a reload, an
 * extension the department asked for approved with its new deadline, the clock paused and resumed,
 * the responsible person reassigned by name, a closed item reopened (回头看), a bulletin published
 * now; and a department that sees none of these actions. Every deadline is in 2099: no assertion
 * depends on today's date.
 */
import type { Locator, Page } from 'playwright-core';
import {
  chooseOption,
  openPopconfirm,
  pickDate,
  pickUnit,
  problemsShown,
  settled,
} from '../support/antd-controls';
import { startBrowserHarness, type BrowserHarness, type WebPerson } from '../support/browser';

const PHONE = { width: 375, height: 812 };
const PROBLEM = '甲镇危房改造补助资金拨付滞后';
const OTHER_PROBLEM = '乙镇产业项目验收不及时';
const LEDGER = '2099年审计反馈问题整改台账';

/** The visible options of the open antd Select dropdown. */
const options = (page: Page) =>
  page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option');

/** Types a name into a Select and picks the one option showing it. */
const pickByName = (page: Page, control: Locator, name: string) => chooseOption(page, control, name, name);

/** Chooses a unit in the unit TreeSelect (again if the click fell on a list still filtering). */
async function chooseUnit(page: Page, id: string, code: string, shown: string): Promise<void> {
  const field = page.locator('.ant-form-item', { has: page.locator(`#${id}`) });
  for (let attempt = 0; attempt < 3; attempt++) {
    await pickUnit(page, id, code);
    if ((await field.innerText()).includes(shown)) return;
  }
  throw new Error(`unit ${code} was not chosen`);
}

describe('web console: the ledger desk (browser)', () => {
  let web: BrowserHarness;
  let command: WebPerson;
  let zhang: WebPerson;
  let li: WebPerson;
  let inspector: WebPerson;
  let page: Page;
  let ledgerId = '';
  let itemId = '';

  const http = () => web.system.http();
  const itemOf = async (id: string) =>
    (await http().get(`/api/rectifications/${id}`).set('Authorization', command.auth).expect(200)).body as {
      status: string;
      responsiblePersonId: string;
      verifierId: string;
      fullDeadlineDate: string | null;
      paused: boolean;
    };

  /**
   * Waits for a command's dialog to close (its command applied). A loaded machine can make a
   * command slow; if it never closes, the failure says what the dialog and the API show.
   */
  const closed = (dialog: Locator, what: string) =>
    dialog.waitFor({ state: 'hidden', timeout: 60_000 }).catch(async (error: Error) => {
      const item = await http().get(`/api/rectifications/${itemId}`).set('Authorization', command.auth);
      throw new Error(
        `the ${what} dialog stayed open (${error.message}); the dialog shows: ${await dialog.innerText()}; ` +
          `the API answers ${item.status} ${JSON.stringify(item.body)}`,
      );
    });

  beforeAll(async () => {
    web = await startBrowserHarness();
    command = await web.createPerson('command-center', 'c1', { displayName: '指挥部老陈' });
    zhang = await web.createPerson('department', 'tA', { displayName: '甲镇专干张三' });
    li = await web.createPerson('department', 'tA', { displayName: '甲镇专干李四' });
    await web.createPerson('department', 'tB', { displayName: '乙镇专干王五' });
    inspector = await web.createPerson('inspector', 'c1', { displayName: '督查员老王' });
    const ledger = await http()
      .post('/api/ledgers')
      .set('Authorization', command.auth)
      .send({
        name: LEDGER,
        source: '审计反馈',
        classification: ['资金管理', '项目建设'],
        // no scheduled bulletin while the test runs: the only one is published from the desk
        bulletinFirstAt: '2099-12-28T09:00:00+08:00',
      })
      .expect(201);
    ledgerId = (ledger.body as { id: string }).id;
    // Another unit's item: the filtered table must leave it out.
    const wang = await http().get('/api/users?within=tB').set('Authorization', command.auth).expect(200);
    await http()
      .post(`/api/ledgers/${ledgerId}/items`)
      .set('Authorization', command.auth)
      .send({
        problem: OTHER_PROBLEM,
        source: '审计反馈',
        category: '项目建设',
        analysis: '验收组织不力',
        measures: ['限期验收'],
        responsibleUnit: 'tB',
        responsiblePersonId: (wang.body as Array<{ id: string }>)[0].id,
        verifierId: inspector.id,
        basicDeadline: '2099-05-31',
        fullDeadline: '2099-06-30',
      })
      .expect(201);
    const context = await web.newContext({ viewport: { width: 1440, height: 900 } });
    page = await context.newPage();
    await web.signInAs(page, command.username, command.password);
  });
  afterAll(() => web?.close());

  it('registers an item in the form, its responsible person and verifier chosen by name', async () => {
    await page.goto(`${web.baseUrl}/ledgers/${ledgerId}`);
    await page.getByTestId('ledger-desk').getByRole('button', { name: '登记问题' }).click();
    const form = await settled(page.getByRole('form', { name: '登记问题' }));
    await form.getByLabel('问题描述').fill(PROBLEM);
    await chooseOption(page, form.locator('#item-register_category'), '资金管理');
    await form.getByLabel('原因分析').fill('审批环节多，拨付流程长');
    await form.getByLabel('整改措施 1').fill('简化审批流程');
    await form.getByRole('button', { name: '添加一条措施' }).click();
    await form.getByLabel('整改措施 2').fill('按月拨付到户');

    await chooseUnit(page, 'item-register_responsibleUnit', 'tA', '甲镇（tA）');
    // The responsible person is searched among 甲镇's people only.
    const person = form.locator('#item-register_responsiblePersonId');
    await person.click();
    await options(page).filter({ hasText: '甲镇专干李四' }).waitFor();
    expect(await options(page).filter({ hasText: '王五' }).count()).toBe(0);
    await pickByName(page, person, '张三');
    await pickByName(page, form.locator('#item-register_verifierId'), '老王');

    // A basic deadline after the full one: the API's problem shows on its field.
    await pickDate(form.locator('#item-register_basicDeadline'), '2099-07-15');
    await pickDate(form.locator('#item-register_fullDeadline'), '2099-06-30');
    await form.getByRole('button', { name: '登记问题' }).click();
    await form
      .locator('.ant-form-item', { has: page.locator('#item-register_basicDeadline') })
      .getByText('不得晚于全面整改期限')
      .waitFor()
      .catch(async (error: Error) => {
        const dates = await Promise.all(
          ['basicDeadline', 'fullDeadline'].map((f) => form.locator(`#item-register_${f}`).inputValue()),
        );
        throw new Error(
          `the API's refusal did not show (${error.message}); the form shows: ${await problemsShown(form)}; ` +
            `its dates: ${dates.join(' / ')}`,
        );
      });
    await pickDate(form.locator('#item-register_basicDeadline'), '2099-05-31');
    await form.getByRole('button', { name: '登记问题' }).click();
    await form.waitFor({ state: 'detached' });

    const row = page.getByTestId('item-table').locator('tr.ant-table-row', { hasText: PROBLEM });
    await row.waitFor();
    expect(await row.innerText()).toContain('2099-06-30');
    expect(await row.innerText()).toContain('甲镇专干张三');
    itemId = (await row.getByRole('link', { name: PROBLEM }).getAttribute('href'))?.split('/').pop() ?? '';
    const item = await itemOf(itemId);
    expect(item).toMatchObject({ responsiblePersonId: zhang.id, verifierId: inspector.id });
  });

  it('filters the table from the URL and shows the same rows after a reload', async () => {
    await page.goto(`${web.baseUrl}/ledgers/${ledgerId}?unit=tA`);
    const rows = page.getByTestId('item-table').locator('tr.ant-table-row');
    await rows.filter({ hasText: PROBLEM }).waitFor();
    expect(await rows.count()).toBe(1);

    await page.goto(`${web.baseUrl}/ledgers/${ledgerId}`);
    await rows.filter({ hasText: OTHER_PROBLEM }).waitFor();
    await page.getByLabel('关键词').fill('验收');
    await page.getByLabel('关键词').press('Enter');
    await page.waitForURL(/[?&]q=%E9%AA%8C%E6%94%B6/);
    await rows.filter({ hasText: PROBLEM }).waitFor({ state: 'detached' });
    await rows.filter({ hasText: OTHER_PROBLEM }).waitFor();
    expect(await rows.count()).toBe(1);
    await page.reload();
    await rows.filter({ hasText: OTHER_PROBLEM }).waitFor();
    expect(await rows.count()).toBe(1);
    expect(await page.getByLabel('关键词').inputValue()).toBe('验收');
  });

  it('approves the extension the department asked for, with its new deadline', async () => {
    await http()
      .post(`/api/rectifications/${itemId}/extension-request`)
      .set('Authorization', zhang.auth)
      .send({ newFullDeadline: '2099-07-31', reason: '汛期施工受阻' })
      .expect(200);
    await page.goto(`${web.baseUrl}/rectifications/${itemId}`);
    const desk = page.getByTestId('item-desk');
    await desk.getByText('延期申请待审批').waitFor();
    expect(await desk.innerText()).toContain('2099-07-31');
    expect(await desk.innerText()).toContain('汛期施工受阻');
    await desk.getByRole('button', { name: '批准延期' }).click();
    const dialog = await settled(page.getByRole('dialog'));
    await dialog.getByText('批准后全面整改期限为 2099-07-31').waitFor();
    await dialog.getByLabel('审批意见').fill('汛期影响属实，同意延期');
    await dialog.getByRole('button', { name: /确\s*定/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    await desk.getByText('延期申请待审批').waitFor({ state: 'detached' });
    const terms = page.locator('.ant-descriptions-item', { hasText: '全面整改到位期限' });
    await terms.filter({ hasText: '2099-07-31' }).waitFor();
    await page
      .locator('.ant-descriptions-item', { hasText: '原定全面整改期限' })
      .getByText('2099-06-30')
      .waitFor();
    expect((await itemOf(itemId)).fullDeadlineDate).toBe('2099-07-31');
  });

  it('pauses and resumes the item’s clock with a reason', async () => {
    const desk = page.getByTestId('item-desk');
    await desk.getByRole('button', { name: '暂停计时' }).click();
    let dialog = await settled(page.getByRole('dialog'));
    await dialog.getByRole('button', { name: /确\s*定/ }).click();
    await dialog.getByText('请填写暂停理由').waitFor();
    await dialog.getByLabel('暂停理由').fill('等待省级政策调整');
    await dialog.getByRole('button', { name: /确\s*定/ }).click();
    await closed(dialog, 'pause');
    await page.getByText('计时暂停', { exact: true }).waitFor();
    expect(await desk.getByRole('button', { name: '暂停计时' }).count()).toBe(0);

    await desk.getByRole('button', { name: '恢复计时' }).click();
    dialog = await settled(page.getByRole('dialog'));
    await dialog.getByLabel('恢复理由').fill('政策已明确');
    await dialog.getByRole('button', { name: /确\s*定/ }).click();
    await closed(dialog, 'resume');
    await desk.getByRole('button', { name: '暂停计时' }).waitFor();
    expect(await page.getByText('计时暂停', { exact: true }).count()).toBe(0);
    expect((await itemOf(itemId)).paused).toBe(false);
  });

  it('reassigns the responsible person, chosen by name within the unit', async () => {
    const desk = page.getByTestId('item-desk');
    await desk.getByRole('button', { name: '更换责任人' }).click();
    const dialog = await settled(page.getByRole('dialog'));
    await pickByName(page, dialog.locator('#personId'), '李四');
    await dialog.getByLabel('更换理由').fill('张三调岗');
    await dialog.getByRole('button', { name: /确\s*定/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.locator('.ant-descriptions-item', { hasText: '责任人' }).getByText('甲镇专干李四').waitFor();
    expect((await itemOf(itemId)).responsiblePersonId).toBe(li.id);
  });

  it('reopens a closed item on re-check (回头看) with a new deadline', async () => {
    await http()
      .post(`/api/rectifications/${itemId}/submit`)
      .set('Authorization', li.auth)
      .send({ note: '资金已全部拨付到户' })
      .expect(200);
    await http()
      .post(`/api/rectifications/${itemId}/accept`)
      .set('Authorization', inspector.auth)
      .send({ note: '佐证齐全，同意销号' })
      .expect(200);
    await page.reload();
    const desk = page.getByTestId('item-desk');
    await desk.getByRole('button', { name: '回头看：重新打开' }).click();
    const dialog = await settled(page.getByRole('dialog'));
    await pickDate(dialog.getByLabel('新的全面整改期限（不填则沿用原期限）'), '2099-09-30');
    await dialog.getByLabel('重新打开的理由').fill('回头看发现 3 户未到账');
    await dialog.getByRole('button', { name: /确\s*定/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.locator('.ant-tag', { hasText: '整改中' }).waitFor();
    await page
      .locator('.ant-descriptions-item', { hasText: '全面整改到位期限' })
      .getByText('2099-09-30')
      .waitFor();
    expect((await itemOf(itemId)).status).toBe('rectifying');
  });

  it('publishes a bulletin now, which heads the bulletin list', async () => {
    await page.goto(`${web.baseUrl}/ledgers/${ledgerId}`);
    const bulletins = page.getByTestId('bulletin-table');
    await bulletins.getByText('尚未发布通报').waitFor();
    await page.getByTestId('ledger-desk').getByRole('button', { name: '立即发布通报' }).click();
    const confirm = await settled(openPopconfirm(page));
    await confirm.getByRole('button', { name: /发\s*布/ }).click();
    await bulletins
      .locator('tr.ant-table-row', { hasText: '第 1 期' })
      .waitFor()
      .catch(async (error: Error) => {
        const published = await http()
          .get(`/api/ledgers/${ledgerId}/bulletins`)
          .set('Authorization', command.auth);
        throw new Error(
          `the bulletin's row did not show (${error.message}); the confirmation is ` +
            `${(await confirm.isVisible()) ? 'still open' : 'closed'}; the desk shows: ` +
            `${await problemsShown(page.getByTestId('ledger-desk'))}; the API lists ${published.status} ` +
            JSON.stringify(published.body),
        );
      });
    await page.getByText('已发布第 1 期通报').waitFor();
  });

  it('shows a department its item without the desk’s actions, at 375 px with no horizontal scroll', async () => {
    const phone = await web.newContext({ viewport: PHONE });
    const officer = await phone.newPage();
    await web.signInAs(officer, li.username, li.password);
    await officer.goto(`${web.baseUrl}/rectifications/${itemId}`);
    await officer.getByText(PROBLEM).first().waitFor();
    await officer.getByRole('button', { name: '报送进展' }).waitFor();
    for (const action of ['暂停计时', '恢复计时', '更换责任人', '批准延期', '回头看：重新打开'])
      expect(await officer.getByRole('button', { name: action }).count()).toBe(0);
    expect(await officer.getByTestId('item-desk').count()).toBe(0);
    const width = await officer.evaluate<number>('document.documentElement.scrollWidth');
    expect(width).toBeLessThanOrEqual(PHONE.width);

    await officer.goto(`${web.baseUrl}/ledgers/${ledgerId}`);
    await officer.getByRole('heading', { name: LEDGER }).waitFor();
    await officer.getByTestId('bulletin-table').locator('tr.ant-table-row', { hasText: '第 1 期' }).waitFor();
    expect(await officer.getByTestId('ledger-desk').count()).toBe(0);
    expect(await officer.getByRole('button', { name: '登记问题' }).count()).toBe(0);
    expect(await officer.getByRole('button', { name: '立即发布通报' }).count()).toBe(0);
  });
});
