import { DataSource } from 'typeorm';
import { addCampaignFixture } from './support/campaign-fixture';
import { createOrgFixture, OrgFixture } from './support/org-fixture';
import { startTestSystem, TestSystem } from './support/test-system';

/**
 * One rule for a campaign task's deadline in force (libs/domain/src/campaign/pace.ts
 * `deadlineInForce`): after a pause and a resume, the battle map (which the bulletins and the final
 * report read through the same campaignProgressRows) and the to-do list move the deadline exactly
 * as the ladder does — by the paused time.
 */
describe('a paused and resumed campaign moves its deadlines for every reader', () => {
  let system: TestSystem;
  let f: OrgFixture;
  let campaignId: string;

  beforeAll(async () => {
    system = await startTestSystem();
    f = await createOrgFixture(system);
    campaignId = (await addCampaignFixture(system, f)).campaign;
  });
  afterAll(async () => {
    await system?.close();
  });

  const get = (path: string, auth: string) => system.http().get(path).set('Authorization', auth).expect(200);
  const taskRow = async () =>
    (
      await system.api
        .get(DataSource)
        .query<Array<{ deadline: Date; paused_ms: string }>>(
          `SELECT deadline, paused_ms FROM campaign_task WHERE campaign_id = $1 AND key = 'TA'`,
          [campaignId],
        )
    )[0];

  it('shows the written deadline plus the paused time in the battle map and the to-do list', async () => {
    const before = await taskRow();
    await system
      .http()
      .post(`/api/campaigns/${campaignId}/pause`)
      .set('Authorization', f.auth.command)
      .send({ reason: '防汛抢险' })
      .expect(200);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await system
      .http()
      .post(`/api/campaigns/${campaignId}/resume`)
      .set('Authorization', f.auth.command)
      .send({ reason: '汛情解除' })
      .expect(200);
    let row = await taskRow();
    for (let i = 0; i < 100 && Number(row.paused_ms) === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      row = await taskRow();
    }
    const pausedMs = Number(row.paused_ms);
    expect(pausedMs).toBeGreaterThanOrEqual(1000);
    expect(row.deadline.getTime()).toBe(before.deadline.getTime()); // the deadline as set is unchanged
    const inForce = new Date(before.deadline.getTime() + pausedMs).toISOString();

    const progress = (await get(`/api/campaigns/${campaignId}/progress`, f.auth.command)).body as {
      tasks: Array<{ key: string; deadline: string; originalDeadline: string }>;
    };
    expect(progress.tasks.find((t) => t.key === 'TA')).toMatchObject({ deadline: inForce });

    const todo = (await get('/api/units/tA/tasks', f.auth.deptA)).body as {
      items: Array<{ kind: string; reference: string; deadline: string; overdue: boolean }>;
    };
    expect(todo.items.find((t) => t.kind === 'campaign-task' && t.reference === 'TA')).toMatchObject({
      deadline: inForce,
      overdue: false,
    });
  });
});
