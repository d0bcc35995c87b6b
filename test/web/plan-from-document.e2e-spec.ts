/**
 * 从方案文件生成 in a real browser: the command center uploads a written 实施方案 (a fixture of the
 * extraction rules, in 1. 2. numbering with 责任单位), sees the draft beside the text, clicks a
 * field to see its sentence highlighted, is refused with the problem on the field while an unknown
 * unit is unmapped, maps it with the unit tree's Select, saves, and follows the link to the campaign.
 */
import { join } from 'node:path';
import { startBrowserHarness, type BrowserHarness, type WebPerson } from '../support/browser';
import { importExampleUnits } from '../support/example-units';

const FIXTURE = join(
  __dirname,
  '../../libs/domain/src/campaign/plan-extraction/fixtures/style-numbered-items.txt',
);

describe('web console: a draft campaign from a written plan (browser)', () => {
  let web: BrowserHarness;
  let command: WebPerson;

  beforeAll(async () => {
    web = await startBrowserHarness();
    await importExampleUnits(web.system);
    command = await web.createPerson('command-center', 'county');
  });
  afterAll(() => web?.close());

  it('uploads, reviews with sources highlighted, maps the unknown unit, saves and links to the campaign', async () => {
    const context = await web.newContext();
    const page = await context.newPage();
    await web.signInAs(page, command.username, command.password);
    await page
      .getByRole('navigation', { name: '主导航' })
      .getByRole('menuitem', { name: /从方案文件生成/ })
      .click();
    await page.waitForURL('**/campaigns/new/from-document');

    await page.locator('input[type="file"]').setInputFiles(FIXTURE);
    await page.getByText('方案原文').waitFor();
    // The draft's four tasks, by the document's numbering.
    for (const key of ['T1', 'T2', 'T3', 'T4']) await page.getByTestId(`task-${key}`).waitFor();

    // A field's confidence tag shows the sentence it came from.
    await page.getByTestId('confidence-tasks[0].target').click();
    await page.getByTestId('source-highlight').waitFor();
    expect(await page.getByTestId('source-highlight').textContent()).toContain('完成改厕3200户');
    // A task's title shows its heading.
    await page.getByTestId('task-T2').click();
    expect(await page.getByTestId('source-highlight').textContent()).toBe('生活垃圾治理');

    // Saved while 县环保局 is unmapped: refused, the problem on the lead field of T4.
    await page.getByRole('button', { name: '保存为草稿行动' }).click();
    await page.getByText('方案校验未通过，请按提示修改').waitFor();
    await page.locator('.ant-form-item-explain-error', { hasText: '缺少牵头单位' }).first().waitFor();

    // Mapped to 县住建局 with the unit tree's Select, saved, linked.
    await page.getByLabel('对应 县环保局').click();
    await page.keyboard.type('zjj');
    await page.locator('.ant-select-item-option', { hasText: '（zjj）' }).first().click();
    await page.getByRole('button', { name: '保存为草稿行动' }).click();
    await page.getByText('已保存为草稿行动：示范县2020年农村人居环境整治“春季攻坚行动”').waitFor();
    await page.getByRole('button', { name: '查看行动' }).click();
    await page.waitForURL(/\/campaigns\/[0-9a-f-]{36}$/);
    const id = page.url().split('/').pop() ?? '';
    const saved = await web.system
      .http()
      .get(`/api/campaigns/${id}`)
      .set('Authorization', command.auth)
      .expect(200);
    expect((saved.body as { plan: { tasks: Array<{ key: string; lead: string }> } }).plan.tasks).toEqual(
      expect.arrayContaining([expect.objectContaining({ key: 'T4', lead: 'zjj' })]),
    );
    await context.close();
  });
});
