/**
 * The command center's review of campaign tasks in a real browser: the queue of submitted tasks
 * (待验收任务, reached from the battle map), a task accepted, a deadline extended (a date not later
 * than the current one refused with its reason in the dialog), a task returned with a reason that
 * the lead unit then reads on its task page, and an open task extended from its own page. The plan
 * is seeded through the API with dates in 2099: no assertion depends on today's date.
 */
import type { Page } from 'playwright-core';
import { openPopconfirm, pickDate, settled } from '../support/antd-controls';
import { startBrowserHarness, type BrowserHarness, type WebPerson } from '../support/browser';

interface TaskDetail {
  status: string;
  deadline: string;
  deadlineDate: string | null;
  lastReturnReason: string | null;
  extensions: Array<{ reason: string }>;
}

describe('web console: reviewing campaign tasks (browser)', () => {
  let web: BrowserHarness;
  let command: WebPerson;
  let townshipA: WebPerson;
  let page: Page;
  let campaignId = '';

  const task = async (key: string): Promise<TaskDetail> =>
    (
      await web.system
        .http()
        .get(`/api/campaigns/${campaignId}/tasks/${key}`)
        .set('Authorization', command.auth)
        .expect(200)
    ).body as TaskDetail;

  /** The queue's row of a task. */
  const queueRow = (key: string) => page.getByTestId('submitted-tasks').locator(`tr[data-row-key="${key}"]`);

  beforeAll(async () => {
    web = await startBrowserHarness();
    await web.createUnits();
    command = await web.createPerson('command-center', 'c1');
    townshipA = await web.createPerson('department', 'tA', { displayName: '甲镇干部' });
    const created = await web.system
      .http()
      .post('/api/campaigns')
      .set('Authorization', command.auth)
      .send({
        name: '夏季环境整治攻坚',
        window: { start: '2099-03-02', end: '2099-09-30' },
        goals: [{ key: 'G1', name: '任务完成率', target: 100, unit: '%', tasks: ['T1', 'T2', 'T3'] }],
        tasks: [
          { key: 'T1', name: '河道清淤', lead: 'tA', deadline: '2099-05-29' },
          { key: 'T2', name: '垃圾分类', lead: 'tA', deadline: '2099-06-12' },
          { key: 'T3', name: '污水管网', lead: 'tA', deadline: '2099-06-30' },
        ],
      })
      .expect(201);
    campaignId = (created.body as { id: string }).id;
    await web.system
      .http()
      .post(`/api/campaigns/${campaignId}/launch`)
      .set('Authorization', command.auth)
      .send({})
      .expect((response) => expect([200, 201]).toContain(response.status));
    for (const key of ['T1', 'T2'])
      await web.system
        .http()
        .post(`/api/campaigns/${campaignId}/tasks/${key}/submit`)
        .set('Authorization', townshipA.auth)
        .send({ note: '已完成，申请验收' })
        .expect(200);
    const context = await web.newContext({ viewport: { width: 1440, height: 900 } });
    page = await context.newPage();
    await web.signInAs(page, command.username, command.password);
  });
  afterAll(() => web?.close());

  it('lists the submitted tasks, reached from the battle map; an open task is not in the queue', async () => {
    await page.goto(`${web.baseUrl}/campaigns/${campaignId}`);
    await page.getByTestId('campaign-actions').getByRole('button', { name: '待验收任务' }).click();
    await page.waitForURL(`**/campaigns/${campaignId}/submitted`);
    await queueRow('T1').filter({ hasText: '河道清淤' }).waitFor();
    await queueRow('T2').filter({ hasText: '2099-06-12' }).waitFor();
    expect(await page.getByTestId('submitted-tasks').locator('tbody tr.ant-table-row').count()).toBe(2);
    expect(await queueRow('T3').count()).toBe(0);
  });

  it('accepts a task: it leaves the queue and is accepted', async () => {
    await queueRow('T1').getByRole('button', { name: '验收通过' }).click();
    await (await settled(openPopconfirm(page))).getByRole('button', { name: /验收通过/ }).click();
    await queueRow('T1').waitFor({ state: 'detached' });
    expect((await task('T1')).status).toBe('accepted');
  });

  it('extends a deadline with a reason: a date not later than the current one is refused in the dialog', async () => {
    await queueRow('T2')
      .getByRole('button', { name: /^延\s*期$/ })
      .click();
    const dialog = await settled(page.getByRole('dialog', { name: '延长任务期限' }));
    await pickDate(dialog.getByLabel('延至'), '2099-06-05');
    await dialog.getByLabel('延期理由').fill('雨季施工受阻');
    await dialog.getByRole('button', { name: /确\s*定/ }).click();
    await dialog.getByRole('alert').filter({ hasText: '延期后的期限须晚于现期限 2099-06-12' }).waitFor();

    await pickDate(dialog.getByLabel('延至'), '2099-06-19');
    await dialog.getByRole('button', { name: /确\s*定/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    await queueRow('T2').filter({ hasText: '2099-06-19' }).waitFor();
    const extended = await task('T2');
    expect(extended).toMatchObject({ status: 'submitted', deadlineDate: '2099-06-19' });
    expect(extended.extensions.map((e) => e.reason)).toEqual(['雨季施工受阻']);
  });

  it('returns a task with a reason, which the lead unit reads on its task page', async () => {
    await queueRow('T2')
      .getByRole('button', { name: /^退\s*回$/ })
      .click();
    const dialog = await settled(page.getByRole('dialog', { name: '退回任务' }));
    // A reason is required before anything is sent.
    await dialog.getByRole('button', { name: /确\s*定/ }).click();
    await dialog.getByText('请填写退回理由').waitFor();
    await dialog.getByLabel('退回理由').fill('分类收集点台账不全，请补充');
    await dialog.getByRole('button', { name: /确\s*定/ }).click();
    await queueRow('T2').waitFor({ state: 'detached' });
    await page.getByTestId('submitted-tasks').getByText('没有待验收的任务').waitFor();
    expect(await task('T2')).toMatchObject({
      status: 'in-progress',
      lastReturnReason: '分类收集点台账不全，请补充',
    });

    const context = await web.newContext({ viewport: { width: 375, height: 812 } });
    const township = await context.newPage();
    await web.signInAs(township, townshipA.username, townshipA.password);
    await township.goto(`${web.baseUrl}/campaigns/${campaignId}/tasks/T2`);
    await township.getByText('退回理由（第 1 次）').waitFor();
    await township.getByText('分类收集点台账不全，请补充', { exact: true }).waitFor();
    // The review actions are the command center's: the lead unit does not get them.
    expect(await township.getByTestId('task-review-actions').count()).toBe(0);
    await context.close();
  });

  it('extends an open task from its own page', async () => {
    await page.goto(`${web.baseUrl}/campaigns/${campaignId}/tasks/T3`);
    const actions = page.getByTestId('task-review-actions');
    expect(await actions.getByRole('button', { name: '验收通过' }).count()).toBe(0);
    await actions.getByRole('button', { name: /^延\s*期$/ }).click();
    const dialog = await settled(page.getByRole('dialog', { name: '延长任务期限' }));
    await pickDate(dialog.getByLabel('延至'), '2099-07-15');
    await dialog.getByLabel('延期理由').fill('管材供货推迟');
    await dialog.getByRole('button', { name: /确\s*定/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText('管材供货推迟').first().waitFor();
    expect(await task('T3')).toMatchObject({ status: 'in-progress', deadlineDate: '2099-07-15' });
  });
});
