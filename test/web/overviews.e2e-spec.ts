/**
 * Leadership's overviews in a real browser: a housing programme (counts by stage, the township
 * table), a rectification ledger (the overdue list) and the leader's own queue, where a waiting
 * summons is decided (and a refusal shows beside the action). The summons is reached without a
 * clock: the ledger's and the campaign's ladders summon 90 days before deadlines 30–60 days away.
 */
import { STAGE_LABELS } from '../../libs/domain/src/housing/household-stages';
import { settled } from '../support/antd-controls';
import { startBrowserHarness, type BrowserHarness, type Page } from '../support/browser';
import { fixturePlan } from '../support/campaign-fixture';
import { addHousingFixture, type HousingFixture } from '../support/housing-fixture';
import { eventually } from '../support/eventually';
import { addOverdueItem, addSummonedCampaign, addSummonedItem } from '../support/leader-fixture';
import { createOrgFixture, FIXTURE_PASSWORD, type OrgFixture } from '../support/org-fixture';

describe('web console: leadership overviews and the leader’s queue (browser)', () => {
  let web: BrowserHarness;
  let f: OrgFixture;
  let h: HousingFixture;
  let ledger: string;
  let item: string;
  let overdueItem: string;
  let campaign: string;

  beforeAll(async () => {
    web = await startBrowserHarness();
    const { system } = web;
    f = await createOrgFixture(system);
    // 甲镇 three households, 乙镇 one; all waiting for their appraisal.
    h = await addHousingFixture(system, f, {
      rows: [
        ['H-A1', 'vA1', 'tA'],
        ['H-A2', 'vA1', 'tA'],
        ['H-A3', 'vA1', 'tA', false],
        ['H-B1', 'vB1', 'tB'],
      ],
    });
    ({ ledger, item } = await addSummonedItem(system, f));
    overdueItem = (await addOverdueItem(system, f, ledger)).id;
    campaign = await addSummonedCampaign(system, f, fixturePlan());
    await eventually(
      async () =>
        (await system.http().get(`/api/ledgers/${ledger}/overview`).set('Authorization', f.auth.leader))
          .body as { overdue: number },
      (o) => o.overdue === 1,
      'the late item to fall overdue',
    );
  }, 240_000);

  afterAll(async () => {
    await web?.close();
  });

  const asLeader = async (): Promise<Page> => {
    const page = await (await web.newContext()).newPage();
    await web.signInAs(page, 'leader', FIXTURE_PASSWORD);
    return page;
  };

  it('shows a programme’s households by stage and by township, with links to the overdue and stalled households', async () => {
    const page = await asLeader();
    await page.goto(`/housing/${h.programme}`);
    const townships = page.getByTestId('township-table');
    const rowOf = (name: string) => townships.getByRole('row').filter({ hasText: name });
    await rowOf('甲镇').waitFor();
    const appraisal = STAGE_LABELS.appraisal;
    await townships.getByRole('columnheader', { name: appraisal }).waitFor();
    // 合计 then 危房鉴定: three in 甲镇, one in 乙镇
    expect(await rowOf('甲镇').getByRole('cell').allInnerTexts()).toEqual(
      expect.arrayContaining(['甲镇', '3']),
    );
    expect((await rowOf('甲镇').getByRole('cell').allInnerTexts()).slice(0, 3)).toEqual(['甲镇', '3', '3']);
    expect((await rowOf('乙镇').getByRole('cell').allInnerTexts()).slice(0, 3)).toEqual(['乙镇', '1', '1']);
    // the funnel's counts by stage, as its label reads them
    const funnel = page.getByRole('img', { name: /^各环节户数/ });
    expect(await funnel.getAttribute('aria-label')).toContain(`${appraisal}4户`);
    await page.getByText('农户总数').waitFor();
    expect(await page.getByRole('link', { name: '逾期农户' }).getAttribute('href')).toBe(
      `/households?programme=${h.programme}&overdue=true`,
    );
    expect(await page.getByRole('link', { name: /停滞农户/ }).getAttribute('href')).toBe(
      `/households?programme=${h.programme}&stalled=true`,
    );
    // the monthly report's month is in the URL once chosen, and the report table shows the townships
    await page.getByTestId('monthly-report-table').getByRole('row').filter({ hasText: '甲镇' }).waitFor();
  });

  it('lists a ledger’s overdue items with days overdue, unit, person and level, linking to each item', async () => {
    const page = await asLeader();
    await page.goto(`/ledgers/${ledger}`);
    const overdue = page.getByTestId('overdue-table');
    const row = overdue.getByRole('row').filter({ hasText: '饮水安全工程未完工' });
    await row.waitFor();
    const cells = await row.getByRole('cell').allInnerTexts();
    expect(cells).toEqual(expect.arrayContaining(['2', '逾期 1 天', '甲镇', '甲镇干部', '约谈', '整改中']));
    expect(await row.getByRole('link', { name: '饮水安全工程未完工' }).getAttribute('href')).toBe(
      `/rectifications/${overdueItem}`,
    );
    // the item not yet due is not on the overdue list
    expect(await overdue.getByText('危房改造补助资金未按时拨付').count()).toBe(0);
    // counts by responsible unit, chosen by a tab kept in the URL
    await page.getByRole('tab', { name: '按责任单位' }).click();
    await page.waitForURL(/[?&]by=unit/);
    await page.getByTestId('by-unit-table').getByRole('row').filter({ hasText: '甲镇' }).waitFor();
  });

  it('decides a waiting summons from the queue: the text is required, the row leaves, a refusal shows beside the action', async () => {
    const page = await asLeader();
    await page.goto('/leader-queue');
    const queue = page.getByTestId('leader-queue-table');
    const taskRow = queue.getByRole('row').filter({ hasText: 'TA 甲镇危房改造' });
    await taskRow.waitFor();
    expect(await taskRow.getByRole('cell').allInnerTexts()).toEqual(
      expect.arrayContaining(['攻坚任务', '示范县百日攻坚行动', '甲镇', '约谈']),
    );
    expect(await taskRow.getByRole('link').getAttribute('href')).toBe(`/campaigns/${campaign}/tasks/TA`);

    await taskRow.getByRole('button', { name: /^决定/ }).click();
    const dialog = await settled(page.getByRole('dialog'));
    await dialog.getByRole('button', { name: '记录决定' }).click();
    await dialog.getByText('请填写领导决定').waitFor();
    await dialog.getByLabel('领导决定').fill('约谈甲镇镇长，限期两周完成');
    await dialog.getByRole('button', { name: '记录决定' }).click();
    await taskRow.waitFor({ state: 'detached' });
    const task = await web.system
      .http()
      .get(`/api/campaigns/${campaign}/tasks/TA`)
      .set('Authorization', f.auth.leader)
      .expect(200);
    expect(task.body.awaitingLeader).toEqual([]);
    expect(task.body.escalations[0]).toMatchObject({ leaderDecision: '约谈甲镇镇长，限期两周完成' });

    // Another leader decides the item first; this page still shows it: the refusal is shown by the form.
    const itemRow = queue.getByRole('row').filter({ hasText: '危房改造补助资金未按时拨付' });
    await itemRow.waitFor();
    await web.system
      .http()
      .post(`/api/rectifications/${item}/leader-decision`)
      .set('Authorization', f.auth.leader)
      .send({ level: 5, decision: '约谈责任人' })
      .expect(200);
    await itemRow.getByRole('button', { name: /^决定/ }).click();
    await dialog.getByLabel('领导决定').fill('再次约谈');
    await dialog.getByRole('button', { name: '记录决定' }).click();
    await dialog.getByRole('alert').filter({ hasText: '该级督办无需或已记录领导决定' }).waitFor();
  });
});
