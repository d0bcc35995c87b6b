import { WorkflowUpdateFailedError } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import type { Activities } from '../../activities';
import {
  projectedVersion,
  type EscalationInput,
  type ItemChangeProjection,
  type ProjectionInput,
} from '../../activities/rectification/rectification.activities';
import {
  itemCommandUpdate,
  itemStateQuery,
  RectificationItemInput,
} from '../../libs/contracts/src/rectification/rectification-item';
import { DEFAULT_LADDER } from '../../libs/domain/src/escalation/ladder';
import type { ItemCommand } from '../../libs/domain/src/rectification/item-process';
import type { Actor } from '../../libs/domain/src/process/actor';
import { createTimeSkippingEnvironment } from '../test/time-skipping';
import { testWorkflowBundle, testWorkflowSinks } from '../test/workflow-bundle';
import { rectificationItemWorkflow } from './rectification-item.workflow';

const DAY = 86_400_000;
const unit: Actor = { id: 'user:p1', name: '责任人', unit: 'tA', roles: ['department'] };
const verifier: Actor = { id: 'user:v1', name: '验收人', unit: 'c1', roles: ['inspector'] };
const command: Actor = { id: 'user:cc', name: '指挥部', unit: 'c1', roles: ['command-center'] };

interface Recorded {
  projections: Array<{ version: number; type: string; status: string }>;
  escalations: Array<{ kind: string; atDay: number; arming: number; passedOver?: unknown }>;
  deliveries: string[][];
}

describe('rectificationItemWorkflow (time-skipping)', () => {
  let env: TestWorkflowEnvironment;
  let worker: Worker;
  let running: Promise<void>;
  let recorded: Recorded;
  let startMs: number;
  let sequence = 0;

  beforeAll(async () => {
    env = await createTimeSkippingEnvironment();
    const activities: Pick<Activities, 'projectRectification' | 'issueEscalation' | 'deliverNotifications'> =
      {
        projectRectification(input: ProjectionInput | ItemChangeProjection) {
          const { version, status } = projectedVersion(input);
          recorded.projections.push({ version, type: input.event.type, status });
          return Promise.resolve();
        },
        async issueEscalation(input: EscalationInput) {
          const now = await env.currentTimeMs();
          recorded.escalations.push({
            kind: input.step.kind,
            atDay: Math.round((now - startMs) / DAY),
            arming: input.arming,
            passedOver: input.event.data.passedOverLevels,
          });
          return { notificationIds: [`n-${input.step.level}-${input.arming}`] };
        },
        deliverNotifications({ notificationIds }) {
          recorded.deliveries.push(notificationIds);
          return Promise.resolve({ delivered: notificationIds.length });
        },
      };
    worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue: 'rectification-test',
      workflowBundle: await testWorkflowBundle(),
      sinks: testWorkflowSinks,
      activities,
    });
    running = worker.run();
  });

  afterAll(async () => {
    worker?.shutdown();
    await running;
    await env?.teardown();
  });

  async function startItem(basicInDays: number, fullInDays: number, existing = false) {
    recorded = { projections: [], escalations: [], deliveries: [] };
    startMs = await env.currentTimeMs();
    const itemId = `item-${++sequence}`;
    const input: RectificationItemInput = {
      facts: {
        itemId,
        ledgerId: 'ledger-1',
        number: sequence,
        problem: '危房改造资金拨付不及时',
        source: '省审计报告',
        category: '资金管理',
        analysis: '审批流程过长',
        measures: ['简化审批', '按月拨付'],
        responsibleUnit: 'tA',
        responsibleUnitPath: '/c1/tA/',
        verifierId: 'v1',
        repeatOf: null,
        workflowId: `rectification:ledger-1:${itemId}`,
      },
      ladder: DEFAULT_LADDER,
      registeredBy: verifier,
      deadlines: {
        basic: new Date(startMs + basicInDays * DAY).toISOString(),
        full: new Date(startMs + fullInDays * DAY).toISOString(),
      },
      responsiblePersonId: 'p1',
      ...(existing ? { existing: true } : {}),
    };
    const handle = await env.client.workflow.start(rectificationItemWorkflow, {
      taskQueue: 'rectification-test',
      workflowId: input.facts.workflowId,
      args: [input],
    });
    const act = (actor: Actor, step: ItemCommand) =>
      handle.executeUpdate(itemCommandUpdate, { args: [{ command: step, actor }] });
    return { handle, act };
  }

  it('walks the whole ladder over weeks of virtual time when nothing is done', async () => {
    const { handle } = await startItem(10, 20);
    await env.sleep('60 days');
    expect(recorded.escalations).toEqual([
      { kind: 'reminder', atDay: 7, arming: 0 },
      { kind: 'yellow-warning', atDay: 10, arming: 0 },
      { kind: 'red-warning', atDay: 20, arming: 0 },
      { kind: 'public-criticism', atDay: 27, arming: 0 },
      { kind: 'summons', atDay: 34, arming: 0 },
      { kind: 'accountability', atDay: 50, arming: 0 },
    ]);
    expect(recorded.deliveries).toHaveLength(6);
    const state = await handle.query(itemStateQuery);
    expect(state).toMatchObject({
      status: 'rectifying',
      firedLevels: [1, 2, 3, 4, 5, 6],
      awaitingLeader: [5, 6],
    });
    await handle.terminate('test finished');
  });

  it('fires the red card alone where the basic and the full deadline fall together, the yellow passed over', async () => {
    const { handle } = await startItem(10, 10);
    await env.sleep('12 days');
    expect(recorded.escalations).toEqual([
      { kind: 'reminder', atDay: 7, arming: 0 },
      { kind: 'red-warning', atDay: 10, arming: 0, passedOver: [2] },
    ]);
    expect(recorded.deliveries).toHaveLength(2);
    const state = await handle.query(itemStateQuery);
    expect(state).toMatchObject({ firedLevels: [1, 2, 3], awaitingLeader: [] });
    await handle.terminate('test finished');
  });

  it('starts an item of an existing ledger at the level it has reached: the highest passed step fires once', async () => {
    // basic deadline 25 days ago, full 20 days ago: reminder … summons (full +14 days) have passed
    const { handle } = await startItem(-25, -20, true);
    await env.sleep('15 days');
    expect(recorded.escalations).toEqual([
      { kind: 'summons', atDay: 0, arming: 0 },
      // accountability at its own time, full +30 days = 10 days after registration
      { kind: 'accountability', atDay: 10, arming: 0 },
    ]);
    expect(recorded.projections[0]).toMatchObject({ type: 'register', version: 1 });
    const state = await handle.query(itemStateQuery);
    expect(state).toMatchObject({ firedLevels: [1, 2, 3, 4, 5, 6], awaitingLeader: [5, 6] });
    await handle.terminate('test finished');
  });

  it('refuses illegal steps with the reason, loops through a rejection, and stops escalating once closed', async () => {
    const { handle, act } = await startItem(10, 20);
    const refused = await act(verifier, { type: 'accept', note: '' }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(WorkflowUpdateFailedError);
    expect((refused as WorkflowUpdateFailedError).cause).toMatchObject({
      type: 'NOT_SUBMITTED',
      message: '该问题尚未提交销号申请，不能验收销号',
    });

    await act(unit, { type: 'submit', note: '已整改' });
    await act(verifier, { type: 'reject', reason: '佐证材料不全' });
    await env.sleep('8 days'); // the reminder fires while it is back in rectification
    await act(unit, { type: 'submit', note: '补充材料' });
    expect(await act(verifier, { type: 'accept', note: '核查属实' })).toMatchObject({ status: 'closed' });
    const second = await act(verifier, { type: 'accept', note: '' }).catch((e: unknown) => e);
    expect((second as WorkflowUpdateFailedError).cause).toMatchObject({ type: 'NOT_SUBMITTED' });

    await env.sleep('60 days');
    expect(recorded.escalations.map((e) => e.kind)).toEqual(['reminder']);
    expect(recorded.projections.map((p) => p.type)).toEqual([
      'register',
      'submit',
      'reject',
      'submit',
      'accept',
    ]);
    expect(recorded.projections.map((p) => p.version)).toEqual([1, 2, 3, 5, 6]); // 4 was the reminder
    await handle.terminate('test finished');
  });

  it('re-arms the ladder from the new deadlines when an extension is approved', async () => {
    const { handle, act } = await startItem(10, 20);
    await env.sleep('8 days'); // reminder at day 7
    await act(unit, {
      type: 'request-extension',
      newBasic: new Date(startMs + 30 * DAY).toISOString(),
      newFull: new Date(startMs + 40 * DAY).toISOString(),
      reason: '等待资金下达',
    });
    await act(command, { type: 'decide-extension', approve: true, reason: '同意延期' });
    await env.sleep('25 days'); // now day 33
    expect(recorded.escalations).toEqual([
      { kind: 'reminder', atDay: 7, arming: 0 },
      { kind: 'reminder', atDay: 27, arming: 1 },
      { kind: 'yellow-warning', atDay: 30, arming: 1 },
    ]);
    const state = await handle.query(itemStateQuery);
    expect(state.originalDeadlines.full).toBe(new Date(startMs + 20 * DAY).toISOString());
    await handle.terminate('test finished');
  });

  it('holds escalations while paused and pushes them later by the paused time', async () => {
    const { handle, act } = await startItem(10, 20);
    await act(command, { type: 'pause', reason: '等待国土部门批复' });
    await env.sleep('15 days');
    expect(recorded.escalations).toEqual([]);
    await act(command, { type: 'resume', reason: '批复已下达' });
    await env.sleep('3 days'); // day 18: reminder was due at day 7 + 15 paused = day 22
    expect(recorded.escalations).toEqual([]);
    await env.sleep('5 days');
    expect(recorded.escalations.map((e) => [e.kind, e.atDay])).toEqual([['reminder', 22]]);
    await handle.terminate('test finished');
  });
});
