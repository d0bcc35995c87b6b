/**
 * A department's day in the console, in a real browser on a phone-sized screen (375×812): its
 * to-do list (and, on a wide screen, the same rows as a table), a campaign task (progress, refusal
 * of another unit's task), a rectification item (evidence from the file chooser, close-out
 * submitted and rejected by the verifier, an extension request) and a notification leading to its
 * object. Seeded over HTTP; deadlines far in the future
 * or relative to now, so no assertion depends on today's date.
 */
import { cstDaysFromNow, createCampaign, fixturePlan } from '../support/campaign-fixture';
import { eventually } from '../support/eventually';
import {
  startBrowserHarness,
  type BrowserContext,
  type BrowserHarness,
  type Page,
  type WebPerson,
} from '../support/browser';

const PHONE = { width: 375, height: 812 };
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
const PROBLEM = '甲镇易地搬迁后续扶持资金拨付滞后';

describe('web console: a department’s work (browser, 375 px)', () => {
  let web: BrowserHarness;
  let command: WebPerson;
  let department: WebPerson;
  let inspector: WebPerson;
  let campaign: string;
  let item: string;
  let phone: BrowserContext;
  let page: Page;
  const taskDeadline = cstDaysFromNow(60);

  const http = () => web.system.http();

  const waitFor = async <T>(what: string, probe: () => Promise<T | undefined>): Promise<T> =>
    (await eventually(probe, (value) => value !== undefined, what, {
      timeoutMs: 30_000,
      intervalMs: 150,
    })) as T;

  async function unreadOf(person: WebPerson): Promise<Array<{ subject: string; title: string }>> {
    const response = await http()
      .get('/api/notifications?unread=true')
      .set('Authorization', person.auth)
      .expect(200);
    return response.body as Array<{ subject: string; title: string }>;
  }

  /** No horizontal scroll of the page at the phone's width. */
  async function expectNoHorizontalScroll(at: Page) {
    const width = await at.evaluate<number>('document.documentElement.scrollWidth');
    expect(width).toBeLessThanOrEqual(PHONE.width);
  }

  beforeAll(async () => {
    web = await startBrowserHarness();
    command = await web.createPerson('command-center', 'c1');
    department = await web.createPerson('department', 'tA', { displayName: '甲镇办事员' });
    inspector = await web.createPerson('inspector', 'c1', { displayName: '督查员老王' });

    const plan = fixturePlan();
    // TC waits for TA: submitting it first is refused (409 DEPENDENCIES_OPEN)
    (plan.tasks as unknown[]).push({
      key: 'TC',
      name: '甲镇危改档案归档',
      lead: 'tA',
      dependsOn: ['TA'],
      deadline: cstDaysFromNow(80),
    });
    campaign = await createCampaign(web.system, command.auth, plan);
    await http().post(`/api/campaigns/${campaign}/launch`).set('Authorization', command.auth).expect(200);
    for (const key of ['TA', 'TB', 'TC'])
      await waitFor(`task ${key} launched`, async () => {
        const task = await http()
          .get(`/api/campaigns/${campaign}/tasks/${key}`)
          .set('Authorization', command.auth)
          .expect(200);
        return (task.body as { timeline: unknown[] }).timeline.length > 0 ? true : undefined;
      });

    const ledger = await http()
      .post('/api/ledgers')
      .set('Authorization', command.auth)
      .send({ name: '脱贫攻坚巡视反馈问题整改台账', source: '巡视反馈' })
      .expect(201);
    const registered = await http()
      .post(`/api/ledgers/${(ledger.body as { id: string }).id}/items`)
      .set('Authorization', command.auth)
      .send({
        problem: PROBLEM,
        source: '巡视反馈',
        category: '易地搬迁',
        analysis: '审批环节多',
        measures: ['简化审批', '按月拨付'],
        responsibleUnit: 'tA',
        responsiblePersonId: department.id,
        verifierId: inspector.id,
        basicDeadline: '2099-06-15',
        fullDeadline: '2099-06-30',
      })
      .expect(201);
    item = (registered.body as { id: string }).id;

    phone = await web.newContext({ viewport: PHONE });
    page = await phone.newPage();
    await web.signInAs(page, department.username, department.password);
  });

  afterAll(async () => {
    await web?.close();
  });

  it('lists the unit’s item and task with their deadlines as written, as cards without horizontal scroll', async () => {
    await page.goto(`${web.baseUrl}/todo`);
    const cards = page.getByTestId('todo-card');
    const itemCard = cards.filter({ hasText: PROBLEM });
    const taskCard = cards.filter({ hasText: '甲镇危房改造' });
    await itemCard.waitFor();
    // the item is rectifying: its next deadline is the basic one, the day as written
    await expect(itemCard.innerText()).resolves.toContain('期限：2099-06-15');
    await expect(taskCard.innerText()).resolves.toContain(`期限：${taskDeadline}`);
    // another unit's task is not on this unit's list
    expect(await cards.filter({ hasText: '乙镇饮水安全' }).count()).toBe(0);
    await expect(page.getByRole('table').count()).resolves.toBe(0);
    await expectNoHorizontalScroll(page);

    // the unit's pledge is pending: signed from the to-do page, the notice goes away
    const pledge = page.getByRole('alert').filter({ hasText: '责任状待签订' });
    await pledge.getByRole('button', { name: '签订责任状' }).click();
    await pledge.waitFor({ state: 'detached' });
    const signed = await http()
      .get(`/api/campaigns/${campaign}`)
      .set('Authorization', department.auth)
      .expect(200);
    expect((signed.body as { pledges: Array<{ unit: string; signed: boolean }> }).pledges).toContainEqual(
      expect.objectContaining({ unit: 'tA', signed: true }),
    );

    await itemCard.getByRole('link').click();
    await page.waitForURL(`**/rectifications/${item}`);
    await page.getByRole('heading', { name: /整改问题 第 1 号/ }).waitFor();
  });

  it('shows the same to-do rows as a table on a wide screen (the table loads there only)', async () => {
    const wide = await web.newContext({ viewport: { width: 1280, height: 800 } });
    try {
      const desk = await wide.newPage();
      await web.signInAs(desk, department.username, department.password);
      await desk.goto(`${web.baseUrl}/todo`);
      const itemRow = desk.locator('tr[data-row-key]').filter({ hasText: PROBLEM });
      await itemRow.waitFor();
      await expect(itemRow.innerText()).resolves.toContain('2099-06-15');
      await expect(
        desk.locator('tr[data-row-key]').filter({ hasText: '甲镇危房改造' }).count(),
      ).resolves.toBe(1);
      await expect(desk.getByTestId('todo-card').count()).resolves.toBe(0);
    } finally {
      await wide.close();
    }
  });

  it('shows a refusal page, with the API’s reason, when the department opens another unit’s task', async () => {
    await page.goto(`${web.baseUrl}/campaigns/${campaign}/tasks/TB`);
    await page.getByText('无权访问该攻坚任务').waitFor();
    const refusal = await http()
      .get(`/api/campaigns/${campaign}/tasks/TB`)
      .set('Authorization', department.auth)
      .expect(403);
    await page.getByText((refusal.body as { message: string }).message).waitFor();
    await expectNoHorizontalScroll(page);
  });

  it('reports progress on its task; the report appears in the task’s timeline', async () => {
    await page.goto(`${web.baseUrl}/campaigns/${campaign}/tasks/TA`);
    await page.getByText(taskDeadline).first().waitFor();
    const form = page.getByRole('form', { name: '上报进度' });
    await form.getByLabel('完成比例（%）').fill('40');
    await form.getByLabel('进展情况').fill('已完成入户核查 120 户');
    await form.getByRole('button', { name: '上报进度' }).click();
    const timeline = page.getByTestId('timeline-entry');
    await timeline
      .filter({ hasText: '上报进度：完成 40%' })
      .filter({ hasText: '已完成入户核查 120 户' })
      .waitFor();
    await expect(timeline.first().innerText()).resolves.toContain(department.displayName);
    await expectNoHorizontalScroll(page);
  });

  it('shows the API’s refusal next to 申请验收 while a prerequisite task is open', async () => {
    await page.goto(`${web.baseUrl}/campaigns/${campaign}/tasks/TC`);
    const form = page.getByRole('form', { name: '申请验收' });
    await form.getByLabel('完成情况说明').fill('档案已全部归档');
    await form.getByRole('button', { name: '申请验收' }).click();
    await form.getByRole('alert').filter({ hasText: '须先完成并验收前置任务：TA' }).waitFor();
    await expect(page.getByText('推进中', { exact: true }).count()).resolves.toBeGreaterThan(0);
  });

  it('uploads evidence from the file chooser; the file appears in the item’s evidence list', async () => {
    await page.goto(`${web.baseUrl}/rectifications/${item}`);
    const [chooser] = await Promise.all([
      page.waitForEvent('filechooser'),
      page.getByRole('button', { name: '上传佐证材料' }).click(),
    ]);
    await chooser.setFiles({ name: '拨付凭证.png', mimeType: 'image/png', buffer: PNG });
    await page.getByTestId('evidence-file').filter({ hasText: '拨付凭证.png' }).waitFor();
    await page.getByTestId('timeline-entry').filter({ hasText: '上传佐证材料「拨付凭证.png」' }).waitFor();
    await expectNoHorizontalScroll(page);
  });

  it('submits the item for close-out; the verifier rejects it with a reason, which the department then sees', async () => {
    await page.goto(`${web.baseUrl}/rectifications/${item}`);
    const submit = page.getByRole('form', { name: '提交销号申请' });
    await submit.getByLabel('整改完成情况').fill('资金已全部拨付到户');
    await submit.getByRole('button', { name: '提交销号申请' }).click();
    await page.getByText('待验收销号', { exact: true }).first().waitFor();
    // the department cannot submit twice: the step is gone
    await expect(page.getByRole('button', { name: '提交销号申请' }).count()).resolves.toBe(0);

    const desk = await web.newContext();
    const verifier = await desk.newPage();
    await web.signInAs(verifier, inspector.username, inspector.password);
    await verifier.goto(`${web.baseUrl}/rectifications/${item}`);
    const reject = verifier.getByRole('form', { name: '退回整改' });
    await reject.getByLabel('退回理由').fill('拨付凭证不清晰，请补充银行回单');
    await reject.getByRole('button', { name: '退回整改' }).click();
    await verifier.getByText('整改中', { exact: true }).first().waitFor();
    await desk.close();

    await page.reload();
    await page.getByText('退回理由：拨付凭证不清晰，请补充银行回单').waitFor();
    await page
      .getByTestId('timeline-entry')
      .filter({ hasText: '验收未通过，退回整改' })
      .filter({ hasText: inspector.displayName })
      .waitFor();
  });

  it('asks for an extension before the deadline with a date from the date picker; the request waits for approval', async () => {
    await page.goto(`${web.baseUrl}/rectifications/${item}`);
    const form = page.getByRole('form', { name: '申请延期' });
    const date = form.getByLabel('申请全面整改期限延至');
    await date.click();
    await date.fill('2099-12-31');
    await date.press('Enter');
    await form.getByLabel('延期理由').fill('汛期施工受阻');
    await form.getByRole('button', { name: '申请延期' }).click();
    await page.getByText('延期申请待审批').waitFor();
    await page.getByText(/申请全面整改期限延至 2099-12-31；理由：汛期施工受阻/).waitFor();
    const detail = await http()
      .get(`/api/rectifications/${item}`)
      .set('Authorization', department.auth)
      .expect(200);
    expect((detail.body as { pendingExtension: { newFull: string } }).pendingExtension.newFull).toBe(
      '2099-12-31T16:00:00.000Z',
    );
  });

  it('opens a notification’s object from the list and clears it from the bell', async () => {
    const to = cstDaysFromNow(75);
    await http()
      .post(`/api/campaigns/${campaign}/tasks/TA/extend`)
      .set('Authorization', command.auth)
      .send({ deadline: to, reason: '雨季施工受阻' })
      .expect(200);
    const subject = `campaign-task:${campaign}:TA`;
    const unread = await waitFor('the extension notice', async () => {
      const list = await unreadOf(department);
      return list.some((n) => n.subject === subject) ? list : undefined;
    });
    const notice = unread.find((n) => n.subject === subject)!;

    await page.goto(`${web.baseUrl}/notifications?unread=1`);
    const bell = page.getByRole('button', { name: /^通知，\d+ 条未读$/ });
    await page.getByRole('button', { name: `通知，${unread.length} 条未读` }).waitFor();
    await page.getByRole('link', { name: `未读：${notice.title}` }).click();
    await page.waitForURL(`**/campaigns/${campaign}/tasks/TA`);
    await page.getByText(to).first().waitFor();
    await page.getByRole('button', { name: `通知，${unread.length - 1} 条未读` }).waitFor();
    expect(await bell.count()).toBe(1);
    expect((await unreadOf(department)).some((n) => n.subject === subject)).toBe(false);
  });
});
