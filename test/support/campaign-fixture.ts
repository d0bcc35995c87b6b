import { cstDate } from '../../libs/domain/src/time/china-time';
import { eventually } from './eventually';
import type { OrgFixture } from './org-fixture';
import type { TestSystem } from './test-system';

const DAY = 86_400_000;

/** A CST date `days` from now (YYYY-MM-DD): plan dates are dates, meaning the end of that day. */
export const cstDaysFromNow = (days: number) => cstDate(new Date(Date.now() + days * DAY));

/**
 * A small plan in the present: a 100-day window from today, task TA led by 甲镇 (tA) with 甲村 (vA1)
 * cooperating, task TB led by 乙镇 (tB); both due in 60 days, progress reported. `extra` is merged
 * over it (more tasks, goals, another name …).
 */
export function fixturePlan(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: '示范县百日攻坚行动',
    window: { start: cstDaysFromNow(0), end: cstDaysFromNow(100) },
    goals: [{ key: 'G1', name: '任务完成率', target: 100, unit: '%', tasks: ['TA', 'TB'] }],
    tasks: [
      {
        key: 'TA',
        name: '甲镇危房改造',
        lead: 'tA',
        cooperating: ['vA1'],
        deadline: cstDaysFromNow(60),
      },
      { key: 'TB', name: '乙镇饮水安全', lead: 'tB', deadline: cstDaysFromNow(60) },
    ],
    ...extra,
  };
}

export interface CampaignFixture {
  /** A launched campaign: TA led by 甲镇, TB led by 乙镇. */
  campaign: string;
  /** A draft campaign naming 甲镇 only. */
  campaignOfA: string;
}

export async function createCampaign(
  system: TestSystem,
  auth: string,
  plan: Record<string, unknown>,
): Promise<string> {
  const created = await system
    .http()
    .post('/api/campaigns')
    .set('Authorization', auth)
    .send(plan)
    .expect(201);
  return (created.body as { id: string }).id;
}

/**
 * The campaigns the access tests act on (needs the worker): one launched with a task of 甲镇 and one
 * of 乙镇, one draft naming 甲镇 alone. Their ids go into `fixture.objects` (campaign, campaignOfA).
 */
export async function addCampaignFixture(system: TestSystem, fixture: OrgFixture): Promise<CampaignFixture> {
  const campaign = await createCampaign(system, fixture.auth.command, fixturePlan());
  await system
    .http()
    .post(`/api/campaigns/${campaign}/launch`)
    .set('Authorization', fixture.auth.command)
    .expect(200);
  // The tasks' own launch steps are written by their workflows just after: wait so that nothing
  // changes underneath a test that compares the database before and after a request.
  for (const key of ['TA', 'TB']) await awaitTaskLaunched(system, fixture.auth.command, campaign, key);
  const campaignOfA = await createCampaign(
    system,
    fixture.auth.command,
    fixturePlan({
      name: '甲镇专项行动',
      goals: [],
      tasks: [{ key: 'TA', name: '甲镇人居环境整治', lead: 'tA', deadline: cstDaysFromNow(30) }],
    }),
  );
  fixture.objects.campaign = campaign;
  fixture.objects.campaignOfA = campaignOfA;
  return { campaign, campaignOfA };
}

/** Waits until the task's workflow has written its launch step (it takes reports from then on). */
export async function awaitTaskLaunched(system: TestSystem, auth: string, campaign: string, key: string) {
  await eventually(
    async () =>
      (
        await system
          .http()
          .get(`/api/campaigns/${campaign}/tasks/${key}`)
          .set('Authorization', auth)
          .expect(200)
      ).body as { timeline: unknown[] },
    (task) => task.timeline.length > 0,
    `task ${key}`,
    { failure: () => `task ${key} of campaign ${campaign} was not launched` },
  );
}
