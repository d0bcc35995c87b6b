/**
 * The command center's desk in a real browser: a campaign written in the structured editor (unit
 * tree, a date and a working-day deadline), previewed and launched from its plan page; a plan with
 * three problems showing each on the field its path names; a plan change after launch showing its
 * difference (a task added, a deadline moved) before it is applied with a reason. Every date is
 * fixed in the plans, in 2099 with that year's calendar set by the test: no assertion depends on
 * today's date.
 */
import type { Page } from 'playwright-core';
import { parse, stringify } from 'yaml';
import { fieldError, openPopconfirm, pickDate, pickUnit, settled } from '../support/antd-controls';
import { startBrowserHarness, type BrowserHarness, type WebPerson } from '../support/browser';

describe('web console: the command center’s desk (browser)', () => {
  let web: BrowserHarness;
  let command: WebPerson;
  let page: Page;
  let campaignId = '';

  beforeAll(async () => {
    web = await startBrowserHarness();
    await web.createUnits();
    command = await web.createPerson('command-center', 'c1');
    // A year of its own, far ahead: launching needs a window not yet ended, and working days need
    // the year's holidays known. 端午 on Thursday 25 June moves "five working days before the end".
    await web.system
      .http()
      .put('/api/calendar/2099')
      .set('Authorization', web.system.adminAuth)
      .send({ holidays: [{ date: '2099-06-25', name: '端午节' }], workdays: [] })
      .expect(200);
    const context = await web.newContext({ viewport: { width: 1440, height: 900 } });
    page = await context.newPage();
    await web.signInAs(page, command.username, command.password);
  });
  afterAll(() => web?.close());

  it('writes a campaign in the structured editor and previews its resolved deadlines', async () => {
    await page
      .getByRole('navigation', { name: '主导航' })
      .getByRole('menuitem', { name: /新建攻坚行动/ })
      .click();
    await page.waitForURL('**/campaigns/new');
    await page.getByLabel('行动名称').fill('春季人居环境攻坚');
    await pickDate(page.locator('#window_start'), '2099-03-02');
    await pickDate(page.locator('#window_end'), '2099-06-30');
    await page.locator('#tasks_0_name').fill('改厕');
    await pickUnit(page, 'tasks_0_lead', 'zjj');
    await pickDate(page.locator('#tasks_0_deadline'), '2099-05-29');

    await page.getByRole('button', { name: '添加任务' }).click();
    await page.locator('#tasks_1_name').fill('垃圾清运');
    await pickUnit(page, 'tasks_1_lead', 'tA');
    await pickUnit(page, 'tasks_1_cooperating', 'tB');
    const mode = page.locator('[data-testid="task-card-1"] .ant-select', { hasText: '日期' }).first();
    await mode.click();
    await page.locator('.ant-select-item-option:visible', { hasText: '结束前 N 个工作日' }).click();
    await page.locator('#tasks_1_deadline').fill('5');
    await page.locator('#tasks_1_dependsOn').click();
    await page.locator('.ant-select-item-option:visible', { hasText: 'T1' }).click();
    await page.keyboard.press('Escape');

    // The YAML view shows the same document.
    await page.getByRole('tab', { name: 'YAML' }).click();
    const yaml = await page.getByLabel('计划 YAML').inputValue();
    expect(yaml).toContain('workingDaysBeforeEnd: 5');
    expect(yaml).toContain('lead: zjj');
    expect(yaml).toContain('- T1');
    await page.getByRole('tab', { name: '结构化编辑' }).click();

    await page.getByRole('button', { name: '保存为草稿' }).click();
    await page.waitForURL(/\/campaigns\/[0-9a-f-]{36}\/plan$/);
    campaignId = page.url().split('/').at(-2) ?? '';
    const preview = page.getByTestId('preview-tasks');
    // 2099-06-30 is a Tuesday: five working days before it, 25 June a holiday, is Monday 22 June.
    await preview.locator('tr[data-row-key="T2"]', { hasText: '2099-06-22' }).waitFor();
    await preview.locator('tr[data-row-key="T1"]', { hasText: '2099-05-29' }).waitFor();
    // The ladder's yellow card falls on the deadline, the reminder three days before.
    await preview.locator('tr[data-row-key="T1"]', { hasText: '到期提醒 2099-05-27' }).waitFor();
    await page.getByText('周通报').first().waitFor();

    const saved = await web.system
      .http()
      .get(`/api/campaigns/${campaignId}`)
      .set('Authorization', command.auth)
      .expect(200);
    expect((saved.body as { document: unknown }).document).toEqual(
      expect.objectContaining({
        tasks: [
          expect.objectContaining({ key: 'T1', lead: 'zjj', deadline: '2099-05-29' }),
          expect.objectContaining({
            key: 'T2',
            lead: 'tA',
            cooperating: ['tB'],
            deadline: { workingDaysBeforeEnd: 5 },
            dependsOn: ['T1'],
          }),
        ],
      }),
    );
  });

  it('shows each of a plan’s three problems on its field, and all of them in the YAML view', async () => {
    await page.goto(`${web.baseUrl}/campaigns/new`);
    await page.getByRole('tab', { name: 'YAML' }).click();
    await page
      .getByLabel('计划 YAML')
      .fill(
        [
          'name: 有问题的计划',
          'window: { start: "2099-03-02", end: "2099-06-30" }',
          'goals:',
          '  - { key: G1, name: 改厕, target: 100, unit: "%", tasks: [T9] }',
          'tasks:',
          '  - { key: T1, name: 改厕, lead: nowhere, deadline: "2099-05-29" }',
          '  - { key: T2, name: 清运, lead: tA, deadline: "2099-08-01" }',
        ].join('\n'),
      );
    await page.getByRole('button', { name: '保存为草稿' }).click();
    const listed = page.getByTestId('plan-problems');
    await listed.waitFor();
    expect(await listed.locator('li').count()).toBe(3);
    await page.getByRole('tab', { name: '结构化编辑' }).click();
    await fieldError(page, 'tasks_0_lead').filter({ hasText: '未知的单位编码 "nowhere"' }).waitFor();
    await fieldError(page, 'tasks_1_deadline').filter({ hasText: '超出行动期限' }).waitFor();
    await fieldError(page, 'goals_0_tasks').filter({ hasText: '"T9" 不存在' }).waitFor();
    expect(page.url()).toMatch(/\/campaigns\/new$/);
  });

  it('launches the campaign from its plan page', async () => {
    await page.goto(`${web.baseUrl}/campaigns/${campaignId}/plan`);
    await page.getByRole('button', { name: '启动行动' }).click();
    await (await settled(openPopconfirm(page))).getByRole('button', { name: /启\s*动/ }).click();
    await page
      .getByTestId('campaign-actions')
      .getByRole('button', { name: /暂\s*停/ })
      .waitFor();
    // The battle map's header carries the same commands for the command center.
    await page.goto(`${web.baseUrl}/campaigns/${campaignId}`);
    await page
      .getByTestId('campaign-actions')
      .getByRole('button', { name: /结束行动/ })
      .waitFor();
    const launched = await web.system
      .http()
      .get(`/api/campaigns/${campaignId}`)
      .set('Authorization', command.auth)
      .expect(200);
    expect((launched.body as { status: string }).status).toBe('running');
  });

  it('changes the running plan: the difference first (a task added, a deadline moved), then applied with a reason', async () => {
    await page.goto(`${web.baseUrl}/campaigns/${campaignId}/plan`);
    await page.getByRole('tab', { name: '修改计划' }).click();
    const editor = page
      .getByRole('tabpanel')
      .filter({ has: page.getByRole('button', { name: '对比当前版本' }) });
    await editor.getByRole('tab', { name: 'YAML' }).click();
    const text = page.getByLabel('计划 YAML');
    const plan = parse(await text.inputValue()) as { tasks: Array<Record<string, unknown>> };
    plan.tasks[0].deadline = '2099-06-12';
    plan.tasks.push({ key: 'T3', name: '长效管护', lead: 'tB', deadline: '2099-06-26' });
    await text.fill(stringify(plan));
    await page.getByRole('button', { name: '对比当前版本' }).click();
    const difference = page.getByTestId('plan-difference');
    await difference.getByTestId('added-T3').waitFor();
    await difference.getByTestId('revised-T1').filter({ hasText: '截止 2099-05-29 → 2099-06-12' }).waitFor();
    expect(await difference.locator('[data-testid^="revised-"]').count()).toBe(1);

    await page.getByLabel('修改理由').fill('县委调度会要求改厕延后两周，增加长效管护');
    await page.getByRole('button', { name: '应用新版本' }).click();
    await page.getByText('已生效：计划第 2 版').waitFor();
    await page.getByRole('tab', { name: '历史版本' }).click();
    await page.getByText('县委调度会要求改厕延后两周，增加长效管护').waitFor();

    const changed = await web.system
      .http()
      .get(`/api/campaigns/${campaignId}`)
      .set('Authorization', command.auth)
      .expect(200);
    const tasks = (changed.body as { plan: { tasks: Array<{ key: string }> } }).plan.tasks.map((t) => t.key);
    expect(tasks).toEqual(['T1', 'T2', 'T3']);
  });

  it('closes the campaign with a note and prints the final report', async () => {
    await page.goto(`${web.baseUrl}/campaigns/${campaignId}`);
    await page
      .getByTestId('campaign-actions')
      .getByRole('button', { name: /结束行动/ })
      .click();
    const dialog = await settled(page.getByRole('dialog'));
    await dialog.getByLabel('结束说明').fill('行动期满，转入常态化管理');
    await dialog.getByRole('button', { name: /确\s*定/ }).click();
    await page.getByTestId('campaign-actions').getByRole('button', { name: '总结报告' }).click();
    await page.waitForURL(`**/campaigns/${campaignId}/report`);
    const report = page.getByTestId('final-report');
    await report.getByText('春季人居环境攻坚总结报告').waitFor();
    // No task was ever accepted: all three leaf tasks are unfinished.
    const tasks = report.getByTestId('report-tasks').locator('tbody tr.ant-table-row');
    expect(await tasks.count()).toBe(3);
    expect(await tasks.filter({ hasText: '未完成' }).count()).toBe(3);
  });

  it('creates a ledger with its ladder shown as dates, then imports a workbook: one bad row refused, accepted once fixed', async () => {
    const officer = await web.createPerson('department', 'tA', { displayName: '甲镇整改专干' });
    await page
      .getByRole('navigation', { name: '主导航' })
      .getByRole('menuitem', { name: /新建整改台账/ })
      .click();
    await page.waitForURL('**/ledgers/new');
    const form = page.getByRole('form', { name: '新建整改台账' });
    await form.getByLabel('台账名称').fill('2099年巡察反馈问题整改台账');
    await form.getByLabel('问题来源').fill('县委巡察组反馈');
    await form.getByLabel('问题分类').click();
    await page.keyboard.type('资金管理');
    await page.keyboard.press('Enter');
    // The default ladder, its offsets shown as dates for an example item.
    await pickDate(form.getByLabel('示例基本整改期限'), '2099-05-31');
    await pickDate(form.getByLabel('示例全面整改期限'), '2099-06-30');
    // 到期提醒: three days before the basic deadline (the end of 31 May), 问责 thirty days after the full one.
    expect(await form.getByTestId('ladder-example-1').textContent()).toContain('2099-05-29');
    expect(await form.getByTestId('ladder-example-6').textContent()).toContain('2099-07-31');
    await form.getByRole('button', { name: '建立台账' }).click();
    await page.waitForURL(/\/ledgers\/[0-9a-f-]{36}$/);

    const desk = page.getByTestId('ledger-desk');
    const header =
      'problem,source,category,analysis,measures,responsible_unit,responsible_person,verifier,basic_deadline,full_deadline';
    const row = (unit: string, problem: string) =>
      `${problem},巡察反馈,资金管理,制度执行不严,完善台账,${unit},甲镇整改专干,${command.username},2099-05-31,2099-06-30`;
    const file = (rows: string[]) => ({
      name: 'ledger.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from([header, ...rows].join('\n'), 'utf8'),
    });
    await desk
      .locator('input[type="file"]')
      .setInputFiles(file([row('tA', '资金拨付滞后'), row('nowhere', '项目验收不及时')]));
    const problems = desk.getByTestId('import-problems');
    await problems.waitFor();
    expect(await problems.locator('tbody tr').count()).toBe(1);
    expect(await problems.locator('tbody tr').first().textContent()).toMatch(/^3.*nowhere/);
    await desk.getByText('文件未导入：1 行有问题').waitFor();

    await desk
      .locator('input[type="file"]')
      .setInputFiles(file([row('tA', '资金拨付滞后'), row('tA', '项目验收不及时')]));
    await desk.getByText('已登记 2 项问题').waitFor();
    expect(await problems.count()).toBe(0);
    const ledgerId = page.url().split('/').pop() ?? '';
    const items = await web.system
      .http()
      .get(`/api/rectifications?ledger=${ledgerId}`)
      .set('Authorization', command.auth)
      .expect(200);
    expect((items.body as { items: Array<{ responsibleUnit: string }> }).items).toHaveLength(2);
    expect(officer.unitCode).toBe('tA');
  });
});
