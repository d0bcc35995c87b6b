import { randomUUID } from 'node:crypto';
import { WorkflowHandle } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { MockActivityEnvironment, TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { DataSource } from 'typeorm';
import type { Activities } from '../../activities';
import type { HouseholdNotice, HouseholdProjection } from '../../activities/housing/household.activities';
import { simulatedGateway, type PaymentGateway } from '../../activities/housing/payment-gateway';
import {
  createSubsidyPaymentActivities,
  type SubsidyReceipt,
} from '../../activities/housing/subsidy-payment.activities';
import {
  HouseholdCommandResult,
  HouseholdFacts,
  householdCommandUpdate,
  HouseholdPipelineInput,
  householdStateQuery,
  householdWorkflowId,
  PAYMENT_REFUSED,
} from '../../libs/contracts/src/housing/household-pipeline';
import {
  newHouseholdState,
  type HouseholdCommand,
  type HouseholdState,
} from '../../libs/domain/src/housing/household-process';
import type { ActiveStage, HouseholdStage } from '../../libs/domain/src/housing/household-stages';
import {
  DEFAULT_HOUSEHOLD_LADDER,
  DEFAULT_NOTICE_PERIODS,
  DEFAULT_PAYMENT_DUE_AFTER,
  DEFAULT_STALL_AFTER,
  householdParties,
} from '../../libs/domain/src/housing/programme-rules';
import type { Actor } from '../../libs/domain/src/process/actor';
import { jitterMs } from '../../libs/domain/src/time/jitter';
import { eventually, refusalOf } from '../test/eventually';
import { openWorkflowTestDatabase } from '../test/postgres-child-process';
import { busy } from '../test/workflow-busy';
import { createTimeSkippingEnvironment } from '../test/time-skipping';
import { testWorkflowBundle, testWorkflowSinks } from '../test/workflow-bundle';
import { householdPipelineWorkflow } from './household-pipeline.workflow';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const TASK_QUEUE = 'household-pipeline-test';
const PROGRAMME_ID = '5c7e0000-0000-4000-8000-000000000001';
const BUREAU = 'zjj';
const TOWNSHIP = 'tA';
const VILLAGE = 'vA1';
const JITTER = 'PT1H';

const villageCadre: Actor = { id: 'user:v1', name: '村委会', unit: VILLAGE, roles: ['department'] };
const township: Actor = { id: 'user:t1', name: '乡镇干部', unit: TOWNSHIP, roles: ['department'] };
const bureau: Actor = { id: 'user:z1', name: '住建局', unit: BUREAU, roles: ['department'] };
const villager: Actor = { id: 'user:p1', name: '村民甲', unit: VILLAGE, roles: ['public'] };

const note = (text: string) => ({ note: text, evidenceIds: [] as string[] });

interface Projected {
  version: number;
  type: string;
  stage: HouseholdStage;
  at: string;
  reason: string | null;
  data: Record<string, unknown>;
  notice?: HouseholdNotice;
}

interface Household {
  input: HouseholdPipelineInput;
  startMs: number;
  handle: WorkflowHandle<typeof householdPipelineWorkflow>;
  projections: Projected[];
  payCalls: Array<{ attempt: number }>;
  act: (actor: Actor, command: HouseholdCommand) => Promise<HouseholdCommandResult>;
  state: () => Promise<HouseholdState>;
  /** The day (virtual, from the start) each projection of a type happened. */
  days: (type: string) => number[];
}

type PaySubsidy = (input: { facts: HouseholdFacts; attempt: number }) => Promise<SubsidyReceipt>;

describe('householdPipelineWorkflow (time-skipping)', () => {
  let env: TestWorkflowEnvironment;
  let worker: Worker;
  let running: Promise<void>;
  let sequence = 0;
  const projections = new Map<string, Projected[]>();
  const payCalls = new Map<string, Array<{ attempt: number }>>();
  const payments = new Map<string, PaySubsidy>();
  const deliveries: string[][] = [];
  const started: Array<WorkflowHandle<typeof householdPipelineWorkflow>> = [];

  const stubPayment: PaySubsidy = ({ facts, attempt }) =>
    Promise.resolve({
      transactionId: `TX-${facts.householdNo}-${attempt}`,
      paidAt: '2026-06-01T00:00:00.000Z',
      amountFen: facts.plannedSubsidyFen,
    });

  beforeAll(async () => {
    env = await createTimeSkippingEnvironment();
    const activities: Pick<Activities, 'projectHousehold' | 'paySubsidy' | 'deliverNotifications'> = {
      projectHousehold(input: HouseholdProjection) {
        const { state, event, notice } = input;
        projections.get(input.facts.workflowId)?.push({
          version: state.version,
          type: event.type,
          stage: state.stage,
          at: event.at,
          reason: event.reason,
          data: event.data,
          ...(notice ? { notice } : {}),
        });
        return Promise.resolve({
          notificationIds: notice ? [`n-${input.facts.householdNo}-v${state.version}`] : [],
        });
      },
      paySubsidy(input: { facts: HouseholdFacts; attempt: number }) {
        payCalls.get(input.facts.workflowId)?.push({ attempt: input.attempt });
        return (payments.get(input.facts.workflowId) ?? stubPayment)(input);
      },
      deliverNotifications({ notificationIds }: { notificationIds: string[] }) {
        deliveries.push(notificationIds);
        return Promise.resolve({ delivered: notificationIds.length });
      },
    };
    worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue: TASK_QUEUE,
      workflowBundle: await testWorkflowBundle(),
      sinks: testWorkflowSinks,
      activities,
    });
    running = worker.run();
  });

  // A household a test left running (or a failed test left behind) must not fire timers in the next
  // test. It is terminated only once idle: the time-skipping test server stops skipping time for the
  // rest of the file when a workflow is terminated while a workflow task of it is in flight (every
  // later `env.sleep` then hangs in real time).
  afterEach(async () => {
    for (const handle of started.splice(0)) {
      await eventually(
        () => busy(handle),
        (pending) => pending === 0,
        `${handle.workflowId} to be idle`,
      ).catch(() => undefined);
      await handle.terminate('test finished').catch(() => undefined);
    }
  });

  afterAll(async () => {
    worker?.shutdown();
    await running;
    await env?.teardown();
  });

  interface StartOptions {
    /** Days from now to each stage's deadline. */
    deadlineDays?: Partial<Record<ActiveStage, number>>;
    stallAfter?: string;
    /** Start the household further along than appraisal (as carried over by continue-as-new). */
    stage?: HouseholdStage;
    plannedSubsidyFen?: number;
    householdId?: string;
    householdNo?: string;
    pay?: PaySubsidy;
  }

  async function startHousehold(options: StartOptions = {}): Promise<Household> {
    const startMs = await env.currentTimeMs();
    const now = new Date(startMs).toISOString();
    const householdNo = options.householdNo ?? `H${String(++sequence).padStart(4, '0')}-${startMs}`;
    const workflowId = householdWorkflowId(PROGRAMME_ID, householdNo);
    const stageDeadlines: Partial<Record<ActiveStage, string>> = {};
    for (const [stage, days] of Object.entries(options.deadlineDays ?? {}))
      stageDeadlines[stage as ActiveStage] = new Date(startMs + days * DAY).toISOString();
    let state = newHouseholdState('D', now);
    if (options.stage && options.stage !== 'appraisal') {
      state = { ...state, stage: options.stage };
      if (options.stage === 'construction' || options.stage === 'acceptance') state.startedAt = now;
      if (options.stage === 'acceptance') state.completedAt = now;
    }
    const household = { village: VILLAGE, township: TOWNSHIP };
    const input: HouseholdPipelineInput = {
      facts: {
        householdId: options.householdId ?? randomUUID(),
        programmeId: PROGRAMME_ID,
        householdNo,
        headName: '张三',
        ...household,
        villagePath: `/${BUREAU}/${TOWNSHIP}/${VILLAGE}/`,
        registeredPoor: true,
        houseRating: 'D',
        plannedSubsidyFen: options.plannedSubsidyFen ?? 3_500_000,
        workflowId,
      },
      rules: {
        stageDeadlines,
        stallAfter: options.stallAfter ?? DEFAULT_STALL_AFTER,
        paymentDueAfter: DEFAULT_PAYMENT_DUE_AFTER,
        timerJitter: JITTER,
        ladder: DEFAULT_HOUSEHOLD_LADDER,
        parties: householdParties(
          { housingBureau: BUREAU, noticePeriods: DEFAULT_NOTICE_PERIODS },
          household,
        ),
      },
      state,
    };
    const recorded: Projected[] = [];
    const calls: Array<{ attempt: number }> = [];
    projections.set(workflowId, recorded);
    payCalls.set(workflowId, calls);
    if (options.pay) payments.set(workflowId, options.pay);
    const handle = await env.client.workflow.start(householdPipelineWorkflow, {
      taskQueue: TASK_QUEUE,
      workflowId,
      args: [input],
    });
    started.push(handle);
    return {
      input,
      startMs,
      handle,
      projections: recorded,
      payCalls: calls,
      act: (actor, command) => handle.executeUpdate(householdCommandUpdate, { args: [{ command, actor }] }),
      state: () => handle.query(householdStateQuery),
      days: (type) => recorded.filter((p) => p.type === type).map((p) => (Date.parse(p.at) - startMs) / DAY),
    };
  }

  /** Walks a household from appraisal through all three approval levels to construction-start. */
  async function throughApproval(household: Household) {
    await household.act(villageCadre, { type: 'record-appraisal', rating: 'D', ...note('鉴定为D级危房') });
    await household.act(villageCadre, { type: 'approve', ...note('村民代表会议评议通过') });
    await env.sleep('8 days');
    await household.act(township, { type: 'approve', ...note('乡镇审核通过') });
    await household.act(bureau, { type: 'approve', ...note('县住建局审批通过') });
    await env.sleep('6 days');
    expect((await household.state()).stage).toBe('construction-start');
  }

  it('walks the whole pipeline over months of virtual time, with public notices that cannot pass early', async () => {
    const household = await startHousehold({
      deadlineDays: {
        appraisal: 30,
        approval: 60,
        'construction-start': 90,
        construction: 120,
        acceptance: 150,
        payment: 180,
        'move-in': 240,
      },
    });
    const { act, handle } = household;
    expect(
      await act(villageCadre, { type: 'record-appraisal', rating: 'D', ...note('鉴定为D级危房') }),
    ).toEqual({
      version: 2,
      stage: 'approval',
    });
    await env.sleep('1 day');
    await act(villageCadre, { type: 'approve', ...note('村民代表会议评议通过') });
    const noticeEnds = (await household.state()).approval!.notice!.endsAt;
    expect(Date.parse(noticeEnds) - household.startMs).toBeGreaterThanOrEqual(8 * DAY);
    expect(Date.parse(noticeEnds) - household.startMs).toBeLessThan(8 * DAY + HOUR);

    await env.sleep('6 days'); // day 7: the 7-day notice from day 1 is still running
    expect(await household.state()).toMatchObject({
      stage: 'approval',
      approval: { level: 'village', notice: { endsAt: noticeEnds } },
    });
    expect((await refusalOf(act(villageCadre, { type: 'approve', ...note('') }))).type).toBe(
      'NOTICE_RUNNING',
    );
    expect((await refusalOf(act(township, { type: 'approve', ...note('') }))).type).toBe('NOT_APPROVER');
    expect(household.days('notice-passed')).toEqual([]);

    await env.sleep('2 days'); // day 9
    expect(await household.state()).toMatchObject({
      stage: 'approval',
      approval: { level: 'township', notice: null },
    });
    const [passedAt] = household.projections
      .filter((p) => p.type === 'notice-passed')
      .map((p) => Date.parse(p.at));
    expect(passedAt).toBeGreaterThanOrEqual(Date.parse(noticeEnds));
    expect(passedAt - Date.parse(noticeEnds)).toBeLessThan(60_000);

    // The township has no notice period: its approval passes straight to the county.
    expect(await act(township, { type: 'approve', ...note('乡镇审核通过') })).toMatchObject({
      stage: 'approval',
    });
    expect((await household.state()).approval).toMatchObject({ level: 'county', notice: null });
    await env.sleep('1 day'); // day 10
    await act(bureau, { type: 'approve', ...note('县住建局审批通过') });
    await env.sleep('4 days'); // day 14: the 5-day county notice is still running
    expect(await household.state()).toMatchObject({ stage: 'approval', approval: { level: 'county' } });
    await env.sleep('2 days'); // day 16
    expect((await household.state()).stage).toBe('construction-start');

    await env.sleep('4 days'); // day 20
    await act(villageCadre, { type: 'record-start', ...note('开工') });
    await env.sleep('25 days'); // day 45
    await act(villageCadre, { type: 'record-completion', ...note('竣工') });
    await env.sleep('5 days'); // day 50
    await act(bureau, { type: 'sign-acceptance', ...note('县住建局验收合格') });
    await env.sleep('2 days'); // day 52
    await act(township, { type: 'sign-acceptance', ...note('乡镇验收合格') });
    const paid = await eventually(household.state, (s) => s.stage === 'move-in', 'the payment');
    expect(paid.payment).toEqual({
      attempt: 1,
      status: 'paid',
      transactionId: `TX-${household.input.facts.householdNo}-1`,
      refusedReason: null,
    });
    expect(household.payCalls).toEqual([{ attempt: 1 }]);

    await env.sleep('20 days'); // day 72
    expect(await act(villageCadre, { type: 'record-move-in', ...note('已入住') })).toMatchObject({
      stage: 'moved-in',
    });
    const final = await handle.result();
    expect(final.stage).toBe('moved-in');
    expect(Date.parse(final.movedInAt!) - household.startMs).toBeGreaterThan(70 * DAY);

    expect(household.projections.map((p) => p.type)).toEqual([
      'record-appraisal',
      'approve',
      'notice-passed',
      'approve',
      'approve',
      'notice-passed',
      'record-start',
      'record-completion',
      'sign-acceptance',
      'sign-acceptance',
      'subsidy-paid',
      'record-move-in',
    ]);
    expect(household.projections.map((p) => p.stage)).toEqual([
      'approval',
      'approval',
      'approval',
      'approval',
      'approval',
      'construction-start',
      'construction',
      'acceptance',
      'acceptance',
      'payment',
      'move-in',
      'moved-in',
    ]);
    const versions = household.projections.map((p) => p.version);
    expect(versions).toEqual(versions.map((_, i) => i + 2));
    expect(final.version).toBe(versions[versions.length - 1]);
    // Nothing fell behind: no escalation and no notice on the way.
    expect(household.projections.filter((p) => p.notice)).toEqual([]);
  });

  it('halts a public notice while an objection is open; a dismissed objection lets the level pass', async () => {
    const household = await startHousehold();
    const { act } = household;
    await act(villageCadre, { type: 'record-appraisal', rating: 'C', ...note('鉴定为C级危房') });
    await act(villageCadre, { type: 'approve', ...note('村民代表会议评议通过') });
    await env.sleep('2 days');
    await act(villager, { type: 'file-objection', objection: '该户另有安全住房' });
    await env.sleep('8 days'); // day 10: the notice ended at day 7, but the objection halts it
    const halted = await household.state();
    expect(halted).toMatchObject({
      stage: 'approval',
      approval: { level: 'village', objections: [{ id: 'objection-1', status: 'open' }] },
    });
    expect(household.days('notice-passed')).toEqual([]);

    expect(
      (
        await refusalOf(
          act(township, { type: 'resolve-objection', objectionId: 'objection-1', upheld: false, reason: '' }),
        )
      ).type,
    ).toBe('NOT_APPROVER');
    await act(villageCadre, {
      type: 'resolve-objection',
      objectionId: 'objection-1',
      upheld: false,
      reason: '经核实该户无其他安全住房',
    });
    expect(await household.state()).toMatchObject({
      stage: 'approval',
      approval: { level: 'township', notice: null, objections: [{ status: 'dismissed' }] },
    });
    expect(household.projections.map((p) => p.type)).toEqual([
      'record-appraisal',
      'approve',
      'file-objection',
      'resolve-objection',
    ]);
  });

  it('sends the household back to appraisal when an objection is upheld', async () => {
    const household = await startHousehold();
    const { act } = household;
    await act(villageCadre, { type: 'record-appraisal', rating: 'D', ...note('鉴定为D级危房') });
    await act(villageCadre, { type: 'approve', ...note('村民代表会议评议通过') });
    await env.sleep('3 days');
    await act(villager, { type: 'file-objection', objection: '该户家庭收入较高' });
    await act(villageCadre, {
      type: 'resolve-objection',
      objectionId: 'objection-1',
      upheld: true,
      reason: '异议属实',
    });
    expect(await household.state()).toMatchObject({ stage: 'appraisal', approval: null, rejections: 1 });
    await env.sleep('10 days'); // the old notice's end passes without effect
    expect((await household.state()).stage).toBe('appraisal');
    expect(household.days('notice-passed')).toEqual([]);
    expect(household.projections.at(-1)).toMatchObject({
      type: 'resolve-objection',
      stage: 'appraisal',
      reason: '异议属实',
    });
  });

  it('needs both acceptance parties before the subsidy is paid', async () => {
    const household = await startHousehold({ stage: 'acceptance' });
    const { act } = household;
    expect(await act(bureau, { type: 'sign-acceptance', ...note('县住建局验收合格') })).toMatchObject({
      stage: 'acceptance',
    });
    await env.sleep('1 day');
    expect(await household.state()).toMatchObject({
      stage: 'acceptance',
      payment: null,
      acceptanceSignatures: [{ unit: BUREAU }],
    });
    expect(household.payCalls).toEqual([]);

    const again = await refusalOf(
      act({ ...bureau, id: 'user:z2', name: '住建局另一人' }, { type: 'sign-acceptance', ...note('') }),
    );
    expect(again.type).toBe('NOT_ACCEPTANCE_PARTY');
    expect(again.message).toContain('本单位已签字');
    expect((await refusalOf(act(villageCadre, { type: 'sign-acceptance', ...note('') }))).type).toBe(
      'NOT_ACCEPTANCE_PARTY',
    );
    expect((await household.state()).acceptanceSignatures).toHaveLength(1);

    await act(township, { type: 'sign-acceptance', ...note('乡镇验收合格') });
    const paid = await eventually(household.state, (s) => s.stage === 'move-in', 'the payment');
    expect(paid.payment).toMatchObject({ attempt: 1, status: 'paid' });
    expect(household.projections[1]).toMatchObject({ type: 'sign-acceptance', stage: 'payment' });
    expect(household.payCalls).toEqual([{ attempt: 1 }]);
    expect(household.projections.map((p) => p.type)).toEqual([
      'sign-acceptance',
      'sign-acceptance',
      'subsidy-paid',
    ]);
  });

  it('loops back on rejection at approval and at acceptance, then completes', async () => {
    const household = await startHousehold();
    const { act } = household;
    await act(villageCadre, { type: 'record-appraisal', rating: 'D', ...note('鉴定为D级危房') });
    expect(await act(villageCadre, { type: 'reject', reason: '鉴定材料不全' })).toMatchObject({
      stage: 'appraisal',
    });
    expect(await household.state()).toMatchObject({ stage: 'appraisal', approval: null, rejections: 1 });

    await throughApproval(household);
    await act(villageCadre, { type: 'record-start', ...note('开工') });
    await env.sleep('10 days');
    await act(villageCadre, { type: 'record-completion', ...note('竣工') });
    await act(township, { type: 'sign-acceptance', ...note('乡镇验收合格') });
    expect((await refusalOf(act(villageCadre, { type: 'reject', reason: '' }))).type).toBe(
      'NOT_ACCEPTANCE_PARTY',
    );
    expect(await act(bureau, { type: 'reject', reason: '屋面防水不合格' })).toMatchObject({
      stage: 'construction',
    });
    expect(await household.state()).toMatchObject({
      stage: 'construction',
      completedAt: null,
      acceptanceSignatures: [],
      rejections: 2,
    });
    expect(household.payCalls).toEqual([]);

    await env.sleep('5 days');
    await act(villageCadre, { type: 'record-completion', ...note('整改后竣工') });
    await act(bureau, { type: 'sign-acceptance', ...note('县住建局验收合格') });
    await act(township, { type: 'sign-acceptance', ...note('乡镇验收合格') });
    await eventually(household.state, (s) => s.stage === 'move-in', 'the payment');
    await act(villageCadre, { type: 'record-move-in', ...note('已入住') });
    expect(await household.handle.result()).toMatchObject({ stage: 'moved-in', rejections: 2 });
    expect(household.projections.map((p) => p.type)).toEqual([
      'record-appraisal',
      'reject',
      'record-appraisal',
      'approve',
      'notice-passed',
      'approve',
      'approve',
      'notice-passed',
      'record-start',
      'record-completion',
      'sign-acceptance',
      'reject',
      'record-completion',
      'sign-acceptance',
      'sign-acceptance',
      'subsidy-paid',
      'record-move-in',
    ]);
    expect(household.payCalls).toEqual([{ attempt: 1 }]);
  });

  it('escalates a stage deadline on the ladder at the right virtual days, within the jitter window', async () => {
    // The yellow and the red card share the stage deadline: the red fires, the yellow is passed over.
    const household = await startHousehold({
      stage: 'construction',
      deadlineDays: { construction: 20 },
      stallAfter: 'P1Y',
    });
    const deadline = household.startMs + 20 * DAY;
    const escalations = () => household.projections.filter((p) => p.type === 'escalation');

    await env.sleep('16 days');
    expect(escalations()).toEqual([]);
    await env.sleep('2 days'); // day 18
    expect(escalations().map((e) => e.data.kind)).toEqual(['reminder']);
    await env.sleep('3 days'); // day 21
    expect(escalations().map((e) => e.data.kind)).toEqual(['reminder', 'red-warning']);
    expect(escalations()[1].data.passedOverLevels).toEqual([2]);
    await env.sleep('19 days'); // day 40
    const fired = escalations();
    expect(fired.map((e) => e.data.kind)).toEqual(['reminder', 'red-warning', 'summons']);

    const spread = jitterMs(household.input.facts.workflowId, HOUR);
    const dueDays = [-3, 0, 14];
    fired.forEach((escalation, i) => {
      const step = DEFAULT_HOUSEHOLD_LADDER[[0, 2, 3][i]];
      expect(escalation).toMatchObject({
        stage: 'construction',
        data: { track: 'deadline', level: step.level, kind: step.kind },
        notice: { kind: `escalation.${step.kind}`, label: step.label, audience: step.audience },
      });
      const late = Date.parse(escalation.at) - (deadline + dueDays[i] * DAY);
      expect(late).toBeGreaterThanOrEqual(0);
      expect(late).toBeLessThan(HOUR); // inside the jitter window
      expect(Math.abs(late - spread)).toBeLessThan(60_000); // this household's own share of it
    });
    expect(deliveries).toEqual(
      expect.arrayContaining(fired.map((e) => [`n-${household.input.facts.householdNo}-v${e.version}`])),
    );
    expect((await household.state()).escalations).toEqual(
      [1, 2, 3, 5].map((level) => ({ track: 'deadline', anchorAt: new Date(deadline).toISOString(), level })),
    );
  });

  it('escalates a stalled household, and progress re-arms the stall ladder', async () => {
    const household = await startHousehold({ stage: 'construction', stallAfter: 'P10D' });
    const { act } = household;
    const stalls = () =>
      household.projections
        .filter((p) => p.type === 'escalation')
        .map((p) => ({
          kind: p.data.kind,
          track: p.data.track,
          day: Math.floor((Date.parse(p.at) - household.startMs) / DAY),
        }));

    await env.sleep('6 days');
    expect(stalls()).toEqual([]);
    await env.sleep('2 days'); // day 8: reminder 3 days before the 10-day stall
    expect(stalls()).toEqual([{ kind: 'reminder', track: 'stall', day: 7 }]);

    await act(villageCadre, {
      type: 'attach-evidence',
      evidenceId: 'ev-1',
      fileName: '施工照片.jpg',
      sha256: 'a'.repeat(64),
    });
    await env.sleep('4 days'); // day 12: the old anchor's yellow card (day 10) never fires
    expect(stalls()).toHaveLength(1);
    await env.sleep('7 days'); // day 19: stalled again since day 8
    expect(stalls()).toEqual([
      { kind: 'reminder', track: 'stall', day: 7 },
      { kind: 'reminder', track: 'stall', day: 15 },
      { kind: 'red-warning', track: 'stall', day: 18 }, // the yellow card, due with it, passed over
    ]);
    const state = await household.state();
    expect(state.escalations.map((e) => e.level)).toEqual([1, 2, 3]);
    expect(new Set(state.escalations.map((e) => e.anchorAt))).toEqual(
      new Set([new Date(Date.parse(state.lastProgressAt) + 10 * DAY).toISOString()]),
    );
  });

  it('keeps its wake-up timer through steps that move the next wake-up later, and still escalates on time', async () => {
    const household = await startHousehold({ stage: 'construction', stallAfter: 'P10D' });
    const timerEvents = async () => {
      const events = (await household.handle.fetchHistory()).events ?? [];
      return {
        started: events.filter((e) => e.timerStartedEventAttributes).length,
        cancelled: events.filter((e) => e.timerCanceledEventAttributes).length,
      };
    };
    for (let i = 1; i <= 3; i++) {
      await env.sleep('1 day');
      await household.act(villageCadre, {
        type: 'attach-evidence',
        evidenceId: `ev-${i}`,
        fileName: '施工照片.jpg',
        sha256: 'a'.repeat(64),
      });
    }
    // day 3: each step moved the stall reminder later (day 7 → 10); the first timer stays armed
    expect(await timerEvents()).toEqual({ started: 1, cancelled: 0 });

    await env.sleep('7 days'); // day 10: the timer rang on day 7 for nothing and was armed again
    await env.sleep('12 hours');
    expect(
      household.projections
        .filter((p) => p.type === 'escalation')
        .map((p) => ({ kind: p.data.kind, day: Math.floor((Date.parse(p.at) - household.startMs) / DAY) })),
    ).toEqual([{ kind: 'reminder', day: 10 }]);
    expect(await timerEvents()).toEqual({ started: 3, cancelled: 0 });
  });

  it('records a refused payment with a notice, and pays on the retried attempt', async () => {
    const household = await startHousehold({
      stage: 'acceptance',
      pay: ({ facts, attempt }) =>
        attempt === 1
          ? Promise.reject(
              ApplicationFailure.create({
                type: PAYMENT_REFUSED,
                message: '收款账户已销户',
                nonRetryable: true,
              }),
            )
          : stubPayment({ facts, attempt }),
    });
    const { act } = household;
    await act(bureau, { type: 'sign-acceptance', ...note('县住建局验收合格') });
    await act(township, { type: 'sign-acceptance', ...note('乡镇验收合格') });
    const refused = await eventually(household.state, (s) => s.payment?.status === 'refused', 'the refusal');
    expect(refused).toMatchObject({
      stage: 'payment',
      payment: { attempt: 1, status: 'refused', refusedReason: '收款账户已销户', transactionId: null },
    });
    expect(household.projections.at(-1)).toMatchObject({
      type: 'subsidy-refused',
      reason: '收款账户已销户',
      notice: { kind: 'payment-refused', audience: ['command-center', 'housing-bureau'] },
    });
    expect(household.payCalls).toEqual([{ attempt: 1 }]);

    await act(bureau, { type: 'retry-payment', reason: '已更正收款账户' });
    const paid = await eventually(household.state, (s) => s.stage === 'move-in', 'the retried payment');
    expect(paid.payment).toEqual({
      attempt: 2,
      status: 'paid',
      transactionId: `TX-${household.input.facts.householdNo}-2`,
      refusedReason: null,
    });
    expect(household.payCalls).toEqual([{ attempt: 1 }, { attempt: 2 }]);
    expect(household.projections.map((p) => p.type)).toEqual([
      'sign-acceptance',
      'sign-acceptance',
      'subsidy-refused',
      'retry-payment',
      'subsidy-paid',
    ]);
  });

  it('keeps the record of a withdrawn household and completes', async () => {
    const household = await startHousehold();
    const { act } = household;
    await act(villageCadre, { type: 'record-appraisal', rating: 'D', ...note('鉴定为D级危房') });
    await env.sleep('3 days');
    expect(
      await act(villageCadre, { type: 'withdraw', reason: '户主自愿放弃改造，迁往子女家居住' }),
    ).toMatchObject({
      stage: 'withdrawn',
    });
    const final = await household.handle.result();
    expect(final).toMatchObject({
      stage: 'withdrawn',
      withdrawn: { reason: '户主自愿放弃改造，迁往子女家居住', fromStage: 'approval' },
    });
    expect(household.projections.at(-1)).toMatchObject({
      type: 'withdraw',
      stage: 'withdrawn',
      reason: '户主自愿放弃改造，迁往子女家居住',
      data: { fromStage: 'approval' },
    });
    expect(household.projections.map((p) => p.version)).toEqual([2, 3]);
  });

  describe('with the real payment activity on Postgres', () => {
    let closeDatabase: (() => Promise<void>) | undefined;
    let dataSource: DataSource;

    beforeAll(async () => {
      ({ dataSource, close: closeDatabase } = await openWorkflowTestDatabase('household-pipeline', 5));
      await dataSource.query(
        `INSERT INTO unit (code, name, kind, parent_code, path) VALUES
           ($1, '县住建局', 'bureau', NULL, '/zjj/'),
           ($2, '甲乡', 'township', NULL, '/tA/'),
           ($3, '甲村', 'village', $2, '/tA/vA1/')`,
        [BUREAU, TOWNSHIP, VILLAGE],
      );
      await dataSource.query(
        `INSERT INTO housing_programme (id, name, housing_bureau, stage_deadlines, notice_periods, stall_after,
           payment_due_after, timer_jitter, ladder, created_by)
         VALUES ($1, '2026年危房改造', $2, '{}', $3, $4, $5, $6, $7, 'test')`,
        [
          PROGRAMME_ID,
          BUREAU,
          JSON.stringify(DEFAULT_NOTICE_PERIODS),
          DEFAULT_STALL_AFTER,
          DEFAULT_PAYMENT_DUE_AFTER,
          JITTER,
          JSON.stringify(DEFAULT_HOUSEHOLD_LADDER),
        ],
      );
    }, 120_000);

    afterAll(async () => {
      await closeDatabase?.();
    });

    /** A household row (and its import) at the state's stage, as an import would have left it. */
    async function insertHousehold(h: {
      householdId: string;
      householdNo: string;
      importId: string;
      headName: string;
      state: ReturnType<typeof newHouseholdState>;
    }): Promise<void> {
      await dataSource.query(
        `INSERT INTO household_import (id, programme_id, file_name, households, status, imported_by)
         VALUES ($1, $2, 'households.xlsx', 1, 'done', 'test')`,
        [h.importId, PROGRAMME_ID],
      );
      await dataSource.query(
        `INSERT INTO household (id, programme_id, import_id, household_no, head_name, village, township, village_path,
           registered_poor, house_rating, planned_subsidy_fen, workflow_id, pipeline_started, stage,
           stage_entered_at, last_progress_at, state, version)
         VALUES ($1, $2, $3, $4, $10, $5, $6, '/tA/vA1/', true, 'D', 3500000, $7, true, $11, $8, $8, $9, 1)`,
        [
          h.householdId,
          PROGRAMME_ID,
          h.importId,
          h.householdNo,
          VILLAGE,
          TOWNSHIP,
          householdWorkflowId(PROGRAMME_ID, h.householdNo),
          h.state.stageEnteredAt,
          JSON.stringify(h.state),
          h.headName,
          h.state.stage,
        ],
      );
    }

    it('pays exactly once when the worker dies between the transfer and its acknowledgement', async () => {
      const householdId = randomUUID();
      const householdNo = `P-${Date.now()}`;
      const importId = randomUUID();
      const startMs = await env.currentTimeMs();
      const state = {
        ...newHouseholdState('D', new Date(startMs).toISOString()),
        stage: 'acceptance' as const,
      };
      await insertHousehold({ householdId, householdNo, importId, headName: '张三', state });

      const real = simulatedGateway(dataSource, { failureRate: 0, limitFen: 10_000_000 });
      let transfers = 0;
      const crashingGateway: PaymentGateway = {
        async transfer(request) {
          const receipt = await real.transfer(request);
          if (++transfers === 1)
            throw new Error('worker crashed after the transfer, before acknowledging it');
          return receipt;
        },
      };
      const { paySubsidy } = createSubsidyPaymentActivities(dataSource, crashingGateway);
      let runs = 0;
      const household = await startHousehold({
        stage: 'acceptance',
        householdId,
        householdNo,
        pay: async (input) => {
          const run = ++runs;
          const receipt = await paySubsidy(input);
          // The second run books the receipt, then dies before Temporal hears back.
          if (run === 2) throw new Error('worker crashed after booking the receipt');
          return receipt;
        },
      });
      const { act } = household;
      await act(bureau, { type: 'sign-acceptance', ...note('县住建局验收合格') });
      await act(township, { type: 'sign-acceptance', ...note('乡镇验收合格') });
      await env.sleep('10 minutes'); // the retries' back-off
      const paid = await eventually(household.state, (s) => s.stage === 'move-in', 'the payment');

      expect(household.payCalls.length).toBeGreaterThanOrEqual(2);
      expect(household.payCalls).toEqual([{ attempt: 1 }, { attempt: 1 }, { attempt: 1 }]);
      const gatewayRows = await dataSource.query<Array<{ transaction_id: string; amount_fen: string }>>(
        `SELECT transaction_id, amount_fen FROM simulated_gateway_transfer WHERE idempotency_key LIKE $1`,
        [`subsidy:${PROGRAMME_ID}:${householdNo}:%`],
      );
      expect(gatewayRows).toHaveLength(1);
      expect(Number(gatewayRows[0].amount_fen)).toBe(3_500_000);
      const booked = await dataSource.query<Array<{ transaction_id: string; attempt: number }>>(
        `SELECT transaction_id, attempt FROM subsidy_payment WHERE household_id = $1`,
        [householdId],
      );
      expect(booked).toEqual([{ transaction_id: gatewayRows[0].transaction_id, attempt: 1 }]);
      expect(paid.payment).toMatchObject({
        status: 'paid',
        attempt: 1,
        transactionId: booked[0].transaction_id,
      });
      expect(household.projections.filter((p) => p.type === 'subsidy-paid')).toHaveLength(1);
    });

    it('keeps the last failure of a gateway that keeps failing, with the next try by the retry policy, until paid', async () => {
      const householdId = randomUUID();
      const householdNo = `F-${Date.now()}`;
      const importId = randomUUID();
      const state = { ...newHouseholdState('D', '2026-11-01T00:00:00.000Z'), stage: 'payment' as const };
      await insertHousehold({ householdId, householdNo, importId, headName: '李四', state });
      const facts = {
        householdId,
        programmeId: PROGRAMME_ID,
        householdNo,
        headName: '李四',
        plannedSubsidyFen: 3_500_000,
      } as unknown as Parameters<ReturnType<typeof createSubsidyPaymentActivities>['paySubsidy']>[0]['facts'];
      const down: PaymentGateway = {
        transfer: () => Promise.reject(new Error('支付渠道无应答：connect ECONNREFUSED 127.0.0.1:9')),
      };
      // the third try of the activity, under the workflow's policy: 10 s doubling, at most an hour
      const env3 = new MockActivityEnvironment({
        attempt: 3,
        retryPolicy: { initialInterval: 10_000, backoffCoefficient: 2, maximumInterval: 3_600_000 },
      });
      const before = Date.now();
      await expect(
        env3.run(createSubsidyPaymentActivities(dataSource, down).paySubsidy, { facts, attempt: 1 }),
      ).rejects.toThrow('支付渠道无应答');
      const [failure] = await dataSource.query<
        Array<{ payment_attempt: number; try: number; reason: string; failed_at: Date; next_try_at: Date }>
      >(
        `SELECT payment_attempt, try, reason, failed_at, next_try_at FROM subsidy_payment_failure WHERE household_id = $1`,
        [householdId],
      );
      expect(failure).toMatchObject({
        payment_attempt: 1,
        try: 3,
        reason: '支付渠道无应答：connect ECONNREFUSED 127.0.0.1:9',
      });
      expect(failure.failed_at.getTime()).toBeGreaterThanOrEqual(before - 1000);
      // after the third try: 10 s × 2² = 40 s later
      expect(failure.next_try_at.getTime() - failure.failed_at.getTime()).toBe(40_000);

      const up = simulatedGateway(dataSource, { failureRate: 0, limitFen: 10_000_000 });
      await new MockActivityEnvironment({ attempt: 4 }).run(
        createSubsidyPaymentActivities(dataSource, up).paySubsidy,
        {
          facts,
          attempt: 1,
        },
      );
      expect(
        await dataSource.query(`SELECT 1 FROM subsidy_payment_failure WHERE household_id = $1`, [
          householdId,
        ]),
      ).toEqual([]);
    });
  });
});
