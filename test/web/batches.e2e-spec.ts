/**
 * 对筛选结果全部执行 from the console in a real browser: the command center pauses every item of a
 * ledger's table filtered to 甲镇 (one already paused is refused with its reason, 乙镇's item is not
 * touched) and accepts every task of a campaign from the battle map (the one not submitted is
 * refused). Seeded through the API with dates in 2099: no assertion depends on today's date.
 */
import type { Page } from 'playwright-core';
import { settled } from '../support/antd-controls';
import { startBrowserHarness, type BrowserHarness, type WebPerson } from '../support/browser';

describe('web console: batches over items and tasks by filter (browser)', () => {
  let web: BrowserHarness;
  let command: WebPerson;
  let townshipA: WebPerson;
  let townshipB: WebPerson;
  let inspector: WebPerson;
  let page: Page;
  let ledgerId = '';
  const items: Record<string, string> = {};

  const http = () => web.system.http();
  const register = async (problem: string, unit: string, person: WebPerson) =>
    (
      await http()
        .post(`/api/ledgers/${ledgerId}/items`)
        .set('Authorization', command.auth)
        .send({
          problem,
          source: '县委巡察反馈',
          category: '资金管理',
          analysis: '制度执行不严',
          measures: ['建立台账', '按月核对'],
          responsibleUnit: unit,
          responsiblePersonId: person.id,
          verifierId: inspector.id,
          basicDeadline: '2099-06-30',
          fullDeadline: '2099-09-30',
        })
        .expect(201)
    ).body.id as string;
  const item = async (id: string) =>
    (await http().get(`/api/rectifications/${id}`).set('Authorization', command.auth).expect(200)).body as {
      paused: boolean;
    };

  beforeAll(async () => {
    web = await startBrowserHarness();
    await web.createUnits();
    command = await web.createPerson('command-center', 'c1');
    inspector = await web.createPerson('inspector', 'c1');
    townshipA = await web.createPerson('department', 'tA', { displayName: '甲镇干部' });
    townshipB = await web.createPerson('department', 'tB', { displayName: '乙镇干部' });
    ledgerId = (
      await http()
        .post('/api/ledgers')
        .set('Authorization', command.auth)
        .send({ name: '县委巡察反馈问题整改台账', source: '县委巡察' })
        .expect(201)
    ).body.id as string;
    items.A1 = await register('甲镇惠农资金发放台账不全', 'tA', townshipA);
    items.A2 = await register('甲镇村级财务公开不及时', 'tA', townshipA);
    items.B1 = await register('乙镇项目资金拨付滞后', 'tB', townshipB);
    await http()
      .post(`/api/rectifications/${items.A1}/pause`)
      .set('Authorization', command.auth)
      .send({ reason: '涉及诉讼，暂停计时' })
      .expect(200);
    const context = await web.newContext({ viewport: { width: 1440, height: 900 } });
    page = await context.newPage();
    await web.signInAs(page, command.username, command.password);
  });
  afterAll(() => web?.close());

  /**
   * Runs the open dialog's step after its preview, confirms, and waits for the batch's end. A batch
   * that does not finish fails with what the server and the dialog say of it.
   */
  const runDialog = async (count: string) => {
    const dialog = await settled(page.getByRole('dialog', { name: '对筛选结果全部执行' }));
    await dialog.getByRole('button', { name: `执行（${count}）` }).click();
    const started = page.waitForResponse(
      (response) =>
        response.request().method() === 'POST' && new URL(response.url()).pathname === '/api/batches',
    );
    await (
      await settled(page.locator('.ant-modal-confirm'))
    )
      .getByRole('button', { name: /确\s*定/ })
      .click();
    const answer = await started;
    expect(answer.status()).toBe(202);
    const batchId = ((await answer.json()) as { id: string }).id;
    await dialog
      .getByRole('status')
      .waitFor({ timeout: 60_000 })
      .catch(async (error: Error) => {
        const batch = await http().get(`/api/batches/${batchId}`).set('Authorization', command.auth);
        throw new Error(
          `batch ${batchId} did not finish in the dialog (${error.message}); ` +
            `the API answers ${batch.status} ${JSON.stringify(batch.body)}; the dialog shows: ${await dialog.innerText()}`,
        );
      });
    return dialog;
  };

  it("pauses every item of the ledger's table as filtered, each with its result", async () => {
    await page.goto(`${web.baseUrl}/ledgers/${ledgerId}?unit=tA`);
    await page.getByRole('button', { name: '对筛选结果全部执行' }).click();
    const dialog = await settled(page.getByRole('dialog', { name: '对筛选结果全部执行' }));
    await dialog.getByLabel('暂停原因').fill('防汛救灾，暂停计时');
    await runDialog('2 项');
    await dialog.getByText('执行完成：成功 1 项，未办理 1 项').waitFor();
    const results = dialog.getByRole('table', { name: '每项执行结果' });
    const refused = results.getByRole('row').filter({ hasText: '甲镇惠农资金发放台账不全' });
    await refused.getByText('被拒绝').waitFor();
    await refused.getByText('ALREADY_PAUSED').waitFor();
    await results
      .getByRole('row')
      .filter({ hasText: '甲镇村级财务公开不及时' })
      .getByText('已办理')
      .waitFor();
    expect(await results.getByText('乙镇项目资金拨付滞后').count()).toBe(0);
    expect((await item(items.A2)).paused).toBe(true);
    expect((await item(items.B1)).paused).toBe(false);
    await dialog.getByRole('button', { name: '关 闭', exact: true }).click();
  });

  it('accepts every task of the battle map from its task table, refusing the one not submitted', async () => {
    const created = await http()
      .post('/api/campaigns')
      .set('Authorization', command.auth)
      .send({
        name: '秋季人居环境攻坚',
        window: { start: '2099-03-02', end: '2099-09-30' },
        goals: [{ key: 'G1', name: '任务完成率', target: 100, unit: '%', tasks: ['T1', 'T2', 'T3'] }],
        tasks: [
          { key: 'T1', name: '农村改厕', lead: 'tA', deadline: '2099-05-29' },
          { key: 'T2', name: '村庄绿化', lead: 'tA', deadline: '2099-06-12' },
          { key: 'T3', name: '道路硬化', lead: 'tB', deadline: '2099-06-30' },
        ],
      })
      .expect(201);
    const campaignId = (created.body as { id: string }).id;
    await http()
      .post(`/api/campaigns/${campaignId}/launch`)
      .set('Authorization', command.auth)
      .send({})
      .expect((response) => expect([200, 201]).toContain(response.status));
    for (const key of ['T1', 'T2'])
      await http()
        .post(`/api/campaigns/${campaignId}/tasks/${key}/submit`)
        .set('Authorization', townshipA.auth)
        .send({ note: '已完成，申请验收' })
        .expect(200);

    await page.goto(`${web.baseUrl}/campaigns/${campaignId}`);
    await page.getByRole('button', { name: '对筛选结果全部执行' }).click();
    const dialog = await settled(page.getByRole('dialog', { name: '对筛选结果全部执行' }));
    await dialog.getByLabel('验收意见').fill('经现场核查，验收合格');
    await runDialog('3 个任务');
    await dialog.getByText('执行完成：成功 2 个任务，未办理 1 个任务').waitFor();
    const results = dialog.getByRole('table', { name: '每个任务执行结果' });
    const refused = results.getByRole('row').filter({ hasText: 'T3 道路硬化' });
    await refused.getByText('NOT_SUBMITTED').waitFor();
    for (const key of ['T1', 'T2']) {
      const task = await http()
        .get(`/api/campaigns/${campaignId}/tasks/${key}`)
        .set('Authorization', command.auth)
        .expect(200);
      expect((task.body as { status: string }).status).toBe('accepted');
    }
  });
});
