import { awaitBatch, type BatchBody } from './support/batches';
import { addCampaignFixture, cstDaysFromNow } from './support/campaign-fixture';
import { createOrgFixture, FIXTURE_PASSWORD, OrgFixture } from './support/org-fixture';
import { startTestSystem, TestSystem } from './support/test-system';

const DAY = 86_400_000;

interface Timeline {
  timeline: Array<{ type: string; reason: string | null }>;
}

describe('batches over rectification items and campaign tasks, on the real servers', () => {
  let system: TestSystem;
  let f: OrgFixture;
  let ledger: string;
  const items: Record<string, string> = {};
  let campaign: string;
  let campaignOfA: string;

  const registerItem = async (problem: string, unit: string, person: string) =>
    (
      await system
        .http()
        .post(`/api/ledgers/${ledger}/items`)
        .set('Authorization', f.auth.command)
        .send({
          problem,
          source: '省审计报告',
          category: '资金管理',
          analysis: '审批环节多',
          measures: ['按月拨付'],
          responsibleUnit: unit,
          responsiblePersonId: person,
          verifierId: f.ids.inspector,
          basicDeadline: new Date(Date.now() + 30 * DAY).toISOString(),
          fullDeadline: new Date(Date.now() + 60 * DAY).toISOString(),
        })
        .expect(201)
    ).body.id as string;

  beforeAll(async () => {
    system = await startTestSystem();
    f = await createOrgFixture(system);
    ledger = (
      await system
        .http()
        .post('/api/ledgers')
        .set('Authorization', f.auth.command)
        .send({ name: '省审计反馈问题整改台账', source: '省审计报告' })
        .expect(201)
    ).body.id as string;
    items.A1 = await registerItem('甲镇补助资金未按时拨付', 'tA', f.ids.deptA);
    items.A2 = await registerItem('甲镇危房鉴定资料不全', 'tA', f.ids.deptA);
    items.B1 = await registerItem('乙镇饮水工程验收滞后', 'tB', f.ids.deptB);
    ({ campaign, campaignOfA } = await addCampaignFixture(system, f));
  });
  afterAll(async () => {
    await system?.close();
  });

  const preview = (auth: string, kind: string, filter: object, stepType?: string) =>
    system
      .http()
      .post('/api/batches/preview')
      .set('Authorization', auth)
      .send({ kind, filter, ...(stepType ? { stepType } : {}) });
  const start = (auth: string, kind: string, filter: object, step: object, key?: string) => {
    const request = system.http().post('/api/batches').set('Authorization', auth);
    if (key) void request.set('Idempotency-Key', key);
    return request.send({ kind, filter, step });
  };
  const run = async (auth: string, kind: string, filter: object, step: object, key?: string) =>
    awaitBatch(system, auth, ((await start(auth, kind, filter, step, key).expect(202)).body as BatchBody).id);
  const results = (batch: BatchBody) => batch.items.map((i) => [i.label, i.result, i.code]);
  const itemTimeline = async (id: string) =>
    (await system.http().get(`/api/rectifications/${id}`).set('Authorization', f.auth.command).expect(200))
      .body as Timeline & { paused: boolean; responsiblePersonId: string };
  const task = async (key: string) =>
    (
      await system
        .http()
        .get(`/api/campaigns/${campaign}/tasks/${key}`)
        .set('Authorization', f.auth.command)
        .expect(200)
    ).body as Timeline & { status: string; deadlineDate: string | null; extensions: unknown[] };

  describe('rectification items', () => {
    it("previews by the item list's filter, only the caller's own unit's items for a department", async () => {
      const kind = 'rectification-step';
      expect((await preview(f.auth.command, kind, { ledger }, 'pause').expect(200)).body).toEqual({
        matched: 3,
        actionable: 3,
      });
      expect((await preview(f.auth.command, kind, { ledger, unit: 'tA' }).expect(200)).body).toEqual({
        matched: 2,
        actionable: 2,
      });
      // a department sees its own items; the command center's steps are not its to take
      expect((await preview(f.auth.deptA, kind, { ledger }, 'record-progress').expect(200)).body).toEqual({
        matched: 2,
        actionable: 2,
      });
      expect((await preview(f.auth.deptA, kind, { ledger }, 'pause').expect(200)).body).toEqual({
        matched: 2,
        actionable: 0,
      });
      expect((await preview(f.auth.deptB, kind, { ledger, unit: 'tA' }).expect(403)).body).toMatchObject({
        code: 'OTHER_UNIT',
      });
      // a step of another kind, or a filter field of another list, is named
      const wrongStep = await preview(f.auth.command, kind, { ledger }, 'record-appraisal').expect(400);
      expect(JSON.stringify(wrongStep.body)).toMatch(/stepType/);
      const wrongField = await preview(f.auth.command, kind, { ledger, township: 'tA' }).expect(400);
      expect(JSON.stringify(wrongField.body)).toMatch(/township/);
    });

    it('pauses every item a filter matched at the start, each with its own result', async () => {
      await system
        .http()
        .post(`/api/rectifications/${items.A1}/pause`)
        .set('Authorization', f.auth.command)
        .send({ reason: '汛期暂停' })
        .expect(200);
      const batch = await run(
        f.auth.command,
        'rectification-step',
        { ledger, unit: 'tA' },
        { type: 'pause', reason: '防汛救灾，暂停计时' },
      );
      expect(batch).toMatchObject({ kind: 'rectification-step', total: 2, applied: 1, refused: 1 });
      expect(results(batch)).toEqual([
        [expect.stringMatching(/^第1号 甲镇补助资金/), 'refused', 'ALREADY_PAUSED'],
        [expect.stringMatching(/^第2号 甲镇危房鉴定/), 'applied', null],
      ]);
      expect((await itemTimeline(items.A2)).paused).toBe(true);
      expect((await itemTimeline(items.B1)).paused).toBe(false);
      // the list was frozen: an item of 甲镇 registered afterwards is not in it
      items.A3 = await registerItem('甲镇档案管理不规范', 'tA', f.ids.deptA);
      const again = (
        await system.http().get(`/api/batches/${batch.id}`).set('Authorization', f.auth.command).expect(200)
      ).body as BatchBody;
      expect(again.items.map((i) => i.objectId)).toEqual([items.A1, items.A2]);
    });

    it('records a progress note once on each of the items of the department, when started twice with the same key', async () => {
      const step = { type: 'record-progress', note: '已召开专题会议部署整改' };
      const first = await start(f.auth.deptB, 'rectification-step', { ledger }, step, 'items-once').expect(
        202,
      );
      const second = await start(f.auth.deptB, 'rectification-step', { ledger }, step, 'items-once').expect(
        202,
      );
      expect((second.body as BatchBody).id).toBe((first.body as BatchBody).id);
      const batch = await awaitBatch(system, f.auth.deptB, (first.body as BatchBody).id);
      // 乙镇's filter over the whole ledger reached its own item only
      expect(batch).toMatchObject({ total: 1, applied: 1 });
      expect(batch.items[0].objectId).toBe(items.B1);
      const progress = (await itemTimeline(items.B1)).timeline.filter((e) => e.type === 'record-progress');
      expect(progress).toHaveLength(1);
      expect((await itemTimeline(items.A2)).timeline.some((e) => e.type === 'record-progress')).toBe(false);
    });

    it('reassigns only where the new person belongs to the item’s unit', async () => {
      const created = await system
        .http()
        .post('/api/users')
        .set('Authorization', system.adminAuth)
        .send({
          username: 'deptA2',
          displayName: '甲镇新干部',
          unitCode: 'tA',
          roles: ['department'],
          password: FIXTURE_PASSWORD,
        })
        .expect(201);
      const personId = (created.body as { id: string }).id;
      const batch = await run(
        f.auth.command,
        'rectification-step',
        { ledger, status: 'rectifying' },
        { type: 'reassign', personId, reason: '人员调整' },
      );
      expect(batch).toMatchObject({ total: 4, applied: 3, refused: 1 });
      const refused = batch.items.filter((i) => i.result === 'refused');
      expect(refused.map((i) => [i.objectId, i.code])).toEqual([[items.B1, 'PERSON_NOT_OF_UNIT']]);
      expect((await itemTimeline(items.A2)).responsiblePersonId).toBe(personId);
      expect((await itemTimeline(items.B1)).responsiblePersonId).toBe(f.ids.deptB);
    });
    it('waits with its list unresolved while no worker runs, and runs once a worker is back', async () => {
      await system.stopWorker();
      let id: string;
      try {
        const started = await start(
          f.auth.command,
          'rectification-step',
          { ledger, unit: 'tA' },
          {
            type: 'resume',
            reason: '汛期结束，恢复计时',
          },
        ).expect(202);
        id = (started.body as BatchBody).id;
        expect(started.body).toMatchObject({ status: 'resolving', total: null, done: 0 });
      } finally {
        await system.startWorker();
      }
      const batch = await awaitBatch(system, f.auth.command, id);
      expect(batch.items.map((i) => [i.objectId, i.result, i.code])).toEqual([
        [items.A1, 'applied', null],
        [items.A2, 'applied', null],
        [items.A3, 'refused', 'NOT_PAUSED'],
      ]);
      expect((await itemTimeline(items.A1)).paused).toBe(false);
    });
  });

  describe('campaign tasks', () => {
    beforeAll(async () => {
      await system
        .http()
        .post(`/api/campaigns/${campaign}/tasks/TA/submit`)
        .set('Authorization', f.auth.deptA)
        .send({ note: '已全部完成' })
        .expect(200);
    });

    it("previews by the battle map's task filter; a department only its own tasks of a campaign naming it", async () => {
      const kind = 'campaign-task-step';
      expect((await preview(f.auth.command, kind, { campaign }, 'accept').expect(200)).body).toEqual({
        matched: 2,
        actionable: 2,
      });
      expect(
        (await preview(f.auth.command, kind, { campaign, status: 'submitted' }).expect(200)).body,
      ).toEqual({ matched: 1, actionable: 1 });
      expect((await preview(f.auth.deptB, kind, { campaign }, 'accept').expect(200)).body).toEqual({
        matched: 1,
        actionable: 0,
      });
      expect((await preview(f.auth.deptB, kind, { campaign, unit: 'tA' }).expect(403)).body).toMatchObject({
        code: 'OTHER_UNIT',
      });
      // a campaign that does not name 乙镇 is not found for it
      await preview(f.auth.deptB, kind, { campaign: campaignOfA }).expect(404);
    });

    it('accepts the submitted tasks and refuses the others with their reason', async () => {
      const batch = await run(
        f.auth.command,
        'campaign-task-step',
        { campaign },
        { type: 'accept', note: '验收合格' },
      );
      expect(results(batch)).toEqual([
        ['TA 甲镇危房改造', 'applied', null],
        ['TB 乙镇饮水安全', 'refused', 'NOT_SUBMITTED'],
      ]);
      expect((await task('TA')).status).toBe('accepted');
      expect((await task('TB')).status).toBe('in-progress');
    });

    it('extends the deadlines of a unit’s tasks once, when started twice with the same key', async () => {
      const step = { type: 'extend', deadline: cstDaysFromNow(75), reason: '汛期影响施工' };
      const filter = { campaign, unit: 'tB' };
      const first = await start(f.auth.command, 'campaign-task-step', filter, step, 'tasks-once').expect(202);
      const second = await start(f.auth.command, 'campaign-task-step', filter, step, 'tasks-once').expect(
        202,
      );
      expect((second.body as BatchBody).id).toBe((first.body as BatchBody).id);
      const batch = await awaitBatch(system, f.auth.command, (first.body as BatchBody).id);
      expect(results(batch)).toEqual([['TB 乙镇饮水安全', 'applied', null]]);
      const tb = await task('TB');
      expect(tb.deadlineDate).toBe(cstDaysFromNow(75));
      expect(tb.timeline.filter((e) => e.type === 'extend')).toHaveLength(1);
    });

    it("a department's batch reaches only its own tasks, and takes no step that is the command center's", async () => {
      const batch = await run(
        f.auth.deptB,
        'campaign-task-step',
        { campaign },
        { type: 'extend', deadline: cstDaysFromNow(90), reason: '自行延期' },
      );
      expect(results(batch)).toEqual([['TB 乙镇饮水安全', 'refused', 'NOT_COMMAND_CENTER']]);
      expect((await task('TB')).deadlineDate).toBe(cstDaysFromNow(75));
      await start(
        f.auth.deptB,
        'campaign-task-step',
        { campaign, unit: 'tA' },
        { type: 'accept', note: '越权' },
      ).expect(403);
    });
  });
});
