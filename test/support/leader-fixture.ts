import type { EscalationStep } from '../../libs/domain/src/escalation/ladder';
import { eventually } from './eventually';
import type { OrgFixture } from './org-fixture';
import type { TestSystem } from './test-system';

const DAY = 86_400_000;

/**
 * A summons (约谈) step that falls due 90 days before the deadline, so a ledger or plan whose
 * deadlines are 30–60 days away reaches it as soon as it starts: no clock, no waiting on today's date.
 */
export const SUMMONS_AT_ONCE: EscalationStep = {
  level: 5,
  kind: 'summons',
  label: '约谈',
  anchor: 'full',
  offset: '-P90D',
  audience: ['leadership', 'responsible-unit'],
  leaderMustAct: true,
  notice: { kind: '约谈通知书', colour: 'red' },
};

/**
 * A ledger whose ladder summons at once, with one item of 甲镇 (deptA responsible) already overdue
 * for basic rectification and one not due; resolves once the first awaits a leader's decision.
 */
export async function addSummonedItem(
  system: TestSystem,
  f: OrgFixture,
  problem = '危房改造补助资金未按时拨付',
): Promise<{ ledger: string; item: string }> {
  const ledger = await system
    .http()
    .post('/api/ledgers')
    .set('Authorization', f.auth.command)
    .send({ name: '约谈演示台账', source: '省审计报告', ladder: [SUMMONS_AT_ONCE] })
    .expect(201);
  const item = await system
    .http()
    .post(`/api/ledgers/${ledger.body.id}/items`)
    .set('Authorization', f.auth.command)
    .send({
      problem,
      source: '省审计报告',
      category: '资金管理',
      analysis: '审批环节多',
      measures: ['简化审批'],
      responsibleUnit: 'tA',
      responsiblePersonId: f.ids.deptA,
      verifierId: f.ids.inspector,
      basicDeadline: new Date(Date.now() + 30 * DAY).toISOString(),
      fullDeadline: new Date(Date.now() + 60 * DAY).toISOString(),
    })
    .expect(201);
  await eventually(
    async () =>
      (await system.http().get(`/api/rectifications/${item.body.id}`).set('Authorization', f.auth.leader))
        .body as { awaitingLeader: number[] },
    (detail) => detail.awaitingLeader?.includes(5),
    'the item to await a leader',
  );
  return { ledger: ledger.body.id as string, item: item.body.id as string };
}

/** An item of 甲镇 whose deadlines pass a second after registration: overdue however the test is timed. */
export async function addOverdueItem(
  system: TestSystem,
  f: OrgFixture,
  ledger: string,
): Promise<{ id: string; fullDeadline: string }> {
  const deadline = new Date(Date.now() + 1000).toISOString();
  const created = await system
    .http()
    .post(`/api/ledgers/${ledger}/items`)
    .set('Authorization', f.auth.command)
    .send({
      problem: '饮水安全工程未完工',
      source: '督查暗访',
      category: '饮水安全',
      analysis: '施工滞后',
      measures: ['倒排工期'],
      responsibleUnit: 'tA',
      responsiblePersonId: f.ids.deptA,
      verifierId: f.ids.inspector,
      basicDeadline: deadline,
      fullDeadline: deadline,
    })
    .expect(201);
  return created.body as { id: string; fullDeadline: string };
}

/**
 * A launched campaign (the fixture plan: TA led by 甲镇, TB by 乙镇, due in 60 days) whose ladder
 * summons at once; resolves once both tasks await a leader's decision.
 */
export async function addSummonedCampaign(
  system: TestSystem,
  f: OrgFixture,
  plan: Record<string, unknown>,
): Promise<string> {
  const created = await system
    .http()
    .post('/api/campaigns')
    .set('Authorization', f.auth.command)
    .send({ ...plan, ladder: [SUMMONS_AT_ONCE] })
    .expect(201);
  const campaign = created.body.id as string;
  await system
    .http()
    .post(`/api/campaigns/${campaign}/launch`)
    .set('Authorization', f.auth.command)
    .expect(200);
  for (const key of ['TA', 'TB'])
    await eventually(
      async () =>
        (
          await system
            .http()
            .get(`/api/campaigns/${campaign}/tasks/${key}`)
            .set('Authorization', f.auth.leader)
        ).body as { awaitingLeader?: number[] },
      (task) => task.awaitingLeader?.includes(5) ?? false,
      `task ${key} to await a leader`,
    );
  return campaign;
}
