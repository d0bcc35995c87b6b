import type { Actor } from '../process/actor';
import {
  decideHousehold,
  HOUSEHOLD_COMMAND_TYPES,
  HouseholdCommand,
  HouseholdCommandType,
  HouseholdDecision,
  HouseholdParties,
  HouseholdState,
  newHouseholdState,
  noticeEndsAt,
  passNotice,
  recordPayment,
  recordPaymentRefusal,
} from './household-process';
import { cstDate, cstDayStart, cstMonthRange } from '../time/china-time';
import type { HouseholdStage } from './household-stages';

const DAY = 86_400_000;
const START = Date.parse('2024-03-01T00:00:00.000Z');
/** An instant `days` (and `hours`) after the start, in the format the workflow uses. */
const t = (days: number, hours = 0) => new Date(START + days * DAY + hours * 3_600_000).toISOString();

const villager: Actor = { id: 'user:cun', name: '村委会主任', unit: 'unit:village', roles: ['department'] };
const townshipCadre: Actor = {
  id: 'user:xiang',
  name: '乡镇干部',
  unit: 'unit:township',
  roles: ['department'],
};
const townshipCadre2: Actor = { id: 'user:xiang2', name: '乡镇干部二', unit: 'unit:township', roles: [] };
const bureauOfficer: Actor = {
  id: 'user:zjj',
  name: '住建局干部',
  unit: 'unit:bureau',
  roles: ['department'],
};
const outsider: Actor = { id: 'user:other', name: '外单位', unit: 'unit:other', roles: ['department'] };
const resident: Actor = { id: 'user:resident', name: '村民张三', unit: null, roles: [] };

const parties: HouseholdParties = {
  approvers: { village: 'unit:village', township: 'unit:township', county: 'unit:bureau' },
  acceptance: [
    { label: '县住建局', unit: 'unit:bureau' },
    { label: '乡镇人民政府', unit: 'unit:township' },
  ],
  noticePeriods: { village: 'P7D', township: null, county: 'P5D' },
};

const appraise = (rating = 'D', evidenceIds: string[] = [], note = ''): HouseholdCommand => ({
  type: 'record-appraisal',
  rating,
  note,
  evidenceIds,
});
const approve = (evidenceIds: string[] = []): HouseholdCommand => ({
  type: 'approve',
  note: '',
  evidenceIds,
});
const reject = (reason = '材料不全'): HouseholdCommand => ({ type: 'reject', reason });
const object = (objection = '该户家庭条件较好'): HouseholdCommand => ({ type: 'file-objection', objection });
const resolve = (objectionId: string, upheld: boolean, reason = '经核实'): HouseholdCommand => ({
  type: 'resolve-objection',
  objectionId,
  upheld,
  reason,
});
const start = (): HouseholdCommand => ({ type: 'record-start', note: '', evidenceIds: [] });
const complete = (): HouseholdCommand => ({ type: 'record-completion', note: '', evidenceIds: [] });
const sign = (evidenceIds: string[] = [], note = '验收合格'): HouseholdCommand => ({
  type: 'sign-acceptance',
  note,
  evidenceIds,
});
const moveIn = (): HouseholdCommand => ({ type: 'record-move-in', note: '', evidenceIds: [] });
const attach = (evidenceId: string, fileName = `${evidenceId}.jpg`): HouseholdCommand => ({
  type: 'attach-evidence',
  evidenceId,
  fileName,
  sha256: `sha-${evidenceId}`,
});
const retry = (reason = '已更正账户'): HouseholdCommand => ({ type: 'retry-payment', reason });
const withdraw = (reason = '农户自愿放弃'): HouseholdCommand => ({ type: 'withdraw', reason });

type Accepted = Extract<HouseholdDecision, { ok: true }>;
type Refused = Extract<HouseholdDecision, { ok: false }>;

function step(state: HouseholdState, command: HouseholdCommand, actor: Actor, now: string): Accepted {
  const decision = decideHousehold(state, command, actor, parties, now);
  if (!decision.ok) throw new Error(`${command.type} refused: ${decision.code} ${decision.reason}`);
  return decision;
}

function refused(state: HouseholdState, command: HouseholdCommand, actor: Actor, now: string): Refused {
  const decision = decideHousehold(state, command, actor, parties, now);
  if (decision.ok) throw new Error(`${command.type} was accepted: ${decision.event.summary}`);
  return decision;
}

/** One household walked from appraisal to moved-in, keeping every state on the way. */
function journey() {
  const appraisal = newHouseholdState('C', t(0));
  const villageReview = step(appraisal, appraise('D'), villager, t(1)).state;
  const villageNotice = step(villageReview, approve(), villager, t(2)).state;
  const townshipReview = passNotice(villageNotice, t(9)).state;
  const countyReview = step(townshipReview, approve(), townshipCadre, t(10)).state;
  const countyNotice = step(countyReview, approve(), bureauOfficer, t(11)).state;
  const constructionStart = passNotice(countyNotice, t(16)).state;
  const construction = step(constructionStart, start(), townshipCadre, t(20)).state;
  const acceptance = step(construction, complete(), townshipCadre, t(60)).state;
  const halfSigned = step(acceptance, sign(), bureauOfficer, t(61)).state;
  const payment = step(halfSigned, sign(), townshipCadre, t(62)).state;
  const moveInState = recordPayment(
    payment,
    { transactionId: 'TX-1', paidAt: t(63), amountFen: 2_000_000 },
    t(63, 1),
  ).state;
  const movedIn = step(moveInState, moveIn(), villager, t(70)).state;
  return {
    appraisal,
    villageReview,
    villageNotice,
    townshipReview,
    countyReview,
    countyNotice,
    constructionStart,
    construction,
    acceptance,
    halfSigned,
    payment,
    moveIn: moveInState,
    movedIn,
  };
}

/** A representative state for each stage a household works through. */
function stateIn(stage: HouseholdStage): HouseholdState {
  const j = journey();
  const byStage: Partial<Record<HouseholdStage, HouseholdState>> = {
    appraisal: j.appraisal,
    approval: j.villageReview,
    'construction-start': j.constructionStart,
    construction: j.construction,
    acceptance: j.acceptance,
    payment: j.payment,
    'move-in': j.moveIn,
    'moved-in': j.movedIn,
  };
  const state = byStage[stage];
  if (!state) throw new Error(`no state for ${stage}`);
  return state;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    Object.values(value).forEach((child) => deepFreeze(child));
    Object.freeze(value);
  }
  return value;
}

/** One command of every type, with the actor that could take it in its own stage. */
const EVERY_COMMAND: Array<[HouseholdCommand, Actor]> = [
  [appraise('D'), villager],
  [approve(), villager],
  [reject(), villager],
  [object(), resident],
  [resolve('objection-1', false), villager],
  [start(), townshipCadre],
  [complete(), townshipCadre],
  [sign(), bureauOfficer],
  [moveIn(), villager],
  [attach('new-file'), villager],
  [retry(), bureauOfficer],
  [withdraw(), villager],
];

describe('household process', () => {
  describe('happy path', () => {
    it('walks from appraisal through three approval levels, construction, acceptance and payment to moved-in', () => {
      const j = journey();
      const stages = Object.values(j).map((s) => s.stage);
      expect(stages).toEqual([
        'appraisal',
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
      expect(j.movedIn).toMatchObject({
        stage: 'moved-in',
        houseRating: 'D',
        approval: null,
        // the two-party acceptance stays on record after the household moves on
        acceptanceSignatures: [
          expect.objectContaining({ unit: 'unit:bureau' }),
          expect.objectContaining({ signerName: '乡镇干部' }),
        ],
        payment: { attempt: 1, status: 'paid', transactionId: 'TX-1', refusedReason: null },
        startedAt: t(20),
        completedAt: t(60),
        acceptedAt: t(62),
        paidAt: t(63),
        movedInAt: t(70),
        stageEnteredAt: t(70),
        lastProgressAt: t(70),
        withdrawn: null,
        rejections: 0,
      });
    });

    it('bumps the version by exactly one per accepted step', () => {
      const versions = Object.values(journey()).map((s) => s.version);
      expect(versions).toEqual(versions.map((_, i) => i + 1));
    });

    it('starts a household in appraisal at version 1', () => {
      expect(newHouseholdState('C', t(0))).toEqual({
        stage: 'appraisal',
        stageEnteredAt: t(0),
        lastProgressAt: t(0),
        houseRating: 'C',
        approval: null,
        acceptanceSignatures: [],
        payment: null,
        startedAt: null,
        completedAt: null,
        acceptedAt: null,
        paidAt: null,
        movedInAt: null,
        withdrawn: null,
        rejections: 0,
        evidence: [],
        escalations: [],
        version: 1,
      });
    });

    it('enters approval at the village level after a C or D appraisal', () => {
      const appraisal = newHouseholdState('C', t(0));
      const decision = step(appraisal, appraise('D', [], '墙体开裂'), villager, t(1));
      expect(decision.state).toMatchObject({
        stage: 'approval',
        houseRating: 'D',
        stageEnteredAt: t(1),
        lastProgressAt: t(1),
        approval: { level: 'village', notice: null, objections: [] },
      });
      expect(decision.event).toEqual({
        type: 'record-appraisal',
        at: t(1),
        actor: villager,
        summary: '危房鉴定为 D 级，进入审核审批',
        reason: null,
        data: { stage: 'approval', rating: 'D', note: '墙体开裂', evidenceIds: [] },
      });
      expect(step(appraisal, appraise('C'), villager, t(1)).state.houseRating).toBe('C');
    });

    it('starts a seven-day public notice when the village approves', () => {
      const { villageReview } = journey();
      const decision = step(villageReview, approve(), villager, t(2));
      expect(decision.state.stage).toBe('approval');
      expect(decision.state.approval).toEqual({
        level: 'village',
        notice: { startedAt: t(2), endsAt: t(9) },
        objections: [],
      });
      expect(decision.state.lastProgressAt).toBe(t(2));
      expect(decision.state.stageEnteredAt).toBe(t(1));
      expect(noticeEndsAt(decision.state)).toBe(t(9));
      expect(decision.event.summary).toBe(`村级评议通过，公示至 ${t(9)}`);
      expect(decision.event.data).toEqual({
        stage: 'approval',
        level: 'village',
        noticeEndsAt: t(9),
        note: '',
        evidenceIds: [],
      });
    });

    it('passes the village level when its notice ends without objection, on to the township', () => {
      const { villageNotice } = journey();
      const passed = passNotice(villageNotice, t(9));
      expect(passed.state.stage).toBe('approval');
      expect(passed.state.approval).toEqual({ level: 'township', notice: null, objections: [] });
      expect(passed.state.lastProgressAt).toBe(t(9));
      expect(passed.state.version).toBe(villageNotice.version + 1);
      expect(noticeEndsAt(passed.state)).toBeNull();
      expect(passed.event).toMatchObject({
        type: 'notice-passed',
        at: t(9),
        actor: { id: 'system:workflow', unit: null },
        summary: '公示期满无异议；村级评议通过，转乡镇审核',
        reason: null,
        data: { stage: 'approval', level: 'village' },
      });
    });

    it('passes the township level at once, as it has no notice', () => {
      const { townshipReview } = journey();
      const decision = step(townshipReview, approve(), townshipCadre, t(10));
      expect(decision.state.approval).toEqual({ level: 'county', notice: null, objections: [] });
      expect(decision.state.stage).toBe('approval');
      expect(decision.state.lastProgressAt).toBe(t(10));
      expect(decision.event.summary).toBe('乡镇审核通过，转县级审批');
      expect(decision.event.data).toMatchObject({ stage: 'approval', level: 'township' });
      expect(noticeEndsAt(decision.state)).toBeNull();
    });

    it('starts a five-day notice at county level and opens construction when it ends', () => {
      const { countyReview } = journey();
      const noticed = step(countyReview, approve(), bureauOfficer, t(11)).state;
      expect(noticed.approval).toEqual({
        level: 'county',
        notice: { startedAt: t(11), endsAt: t(16) },
        objections: [],
      });
      expect(noticeEndsAt(noticed)).toBe(t(16));
      const passed = passNotice(noticed, t(16));
      expect(passed.state).toMatchObject({
        stage: 'construction-start',
        stageEnteredAt: t(16),
        lastProgressAt: t(16),
        approval: null,
      });
      expect(passed.event.summary).toBe('公示期满无异议；县级审批通过，审批完成，可以开工');
      expect(passed.event.data).toEqual({ stage: 'construction-start', level: 'county' });
    });

    it('records the start of construction and the completion', () => {
      const { constructionStart } = journey();
      const started = step(constructionStart, start(), townshipCadre, t(20));
      expect(started.state).toMatchObject({ stage: 'construction', startedAt: t(20), stageEnteredAt: t(20) });
      expect(started.event.summary).toBe('开工');
      const completed = step(started.state, complete(), townshipCadre, t(60));
      expect(completed.state).toMatchObject({
        stage: 'acceptance',
        completedAt: t(60),
        stageEnteredAt: t(60),
        acceptanceSignatures: [],
      });
      expect(completed.event.summary).toBe('竣工，待验收');
    });

    it('marks the subsidy paid and moves on to move-in', () => {
      const { payment } = journey();
      const paid = recordPayment(
        payment,
        { transactionId: 'TX-9', paidAt: t(63), amountFen: 1_234_567 },
        t(64),
      );
      expect(paid.state).toMatchObject({
        stage: 'move-in',
        stageEnteredAt: t(64),
        lastProgressAt: t(64),
        paidAt: t(63),
        payment: { attempt: 1, status: 'paid', transactionId: 'TX-9', refusedReason: null },
        version: payment.version + 1,
      });
      expect(paid.event).toMatchObject({
        type: 'subsidy-paid',
        at: t(64),
        actor: { id: 'system:workflow' },
        summary: '补助资金 12345.67 元已兑付（交易号 TX-9）',
        data: { stage: 'move-in', transactionId: 'TX-9', paidAt: t(63), amountFen: 1_234_567 },
      });
    });

    it('finishes on move-in', () => {
      const { moveIn: waiting } = journey();
      const decision = step(waiting, moveIn(), villager, t(70));
      expect(decision.state).toMatchObject({ stage: 'moved-in', movedInAt: t(70) });
      expect(decision.event.summary).toBe('已入住，改造完成');
    });
  });

  describe('steps out of order', () => {
    const STAGE_STEPS: Array<{ command: HouseholdCommand; actor: Actor; legalIn: HouseholdStage[] }> = [
      { command: appraise('D'), actor: villager, legalIn: ['appraisal'] },
      { command: approve(), actor: villager, legalIn: ['approval'] },
      { command: reject(), actor: villager, legalIn: ['approval', 'acceptance'] },
      { command: start(), actor: townshipCadre, legalIn: ['construction-start'] },
      { command: complete(), actor: townshipCadre, legalIn: ['construction'] },
      { command: sign(), actor: bureauOfficer, legalIn: ['acceptance'] },
      { command: moveIn(), actor: villager, legalIn: ['move-in'] },
    ];
    const WORKING_STAGES: HouseholdStage[] = [
      'appraisal',
      'approval',
      'construction-start',
      'construction',
      'acceptance',
      'payment',
      'move-in',
    ];
    const cases = WORKING_STAGES.flatMap((stage) =>
      STAGE_STEPS.filter((s) => !s.legalIn.includes(stage)).map(
        (s) => [stage, s.command.type, s.command, s.actor] as const,
      ),
    );

    it.each(cases)('refuses in %s the step %s with ILLEGAL_STEP', (stage, _type, command, actor) => {
      const state = stateIn(stage);
      const decision = refused(state, command, actor, t(100));
      expect(decision.code).toBe('ILLEGAL_STEP');
    });

    it('names the current stage and the step in the reason', () => {
      expect(refused(stateIn('construction-start'), complete(), townshipCadre, t(100))).toEqual({
        ok: false,
        code: 'ILLEGAL_STEP',
        reason: '当前处于「待开工」阶段，不能登记竣工',
      });
      expect(refused(stateIn('payment'), reject(), bureauOfficer, t(100)).reason).toBe(
        '当前处于「资金兑付」阶段，不能退回',
      );
    });

    it('accepts each stage step in its own stage (the table above is not vacuous)', () => {
      expect(step(stateIn('appraisal'), appraise('C'), villager, t(100)).state.stage).toBe('approval');
      expect(step(stateIn('construction-start'), start(), townshipCadre, t(100)).state.stage).toBe(
        'construction',
      );
      expect(step(stateIn('construction'), complete(), townshipCadre, t(100)).state.stage).toBe('acceptance');
      expect(step(stateIn('move-in'), moveIn(), villager, t(100)).state.stage).toBe('moved-in');
    });
  });

  describe('approval', () => {
    it('refuses an approval by a unit that does not decide at the current level', () => {
      const { villageReview, townshipReview, countyReview } = journey();
      expect(refused(villageReview, approve(), townshipCadre, t(2))).toEqual({
        ok: false,
        code: 'NOT_APPROVER',
        reason: '村级评议须由单位 unit:village 办理',
      });
      expect(refused(villageReview, approve(), resident, t(2)).code).toBe('NOT_APPROVER');
      expect(refused(townshipReview, approve(), villager, t(10)).code).toBe('NOT_APPROVER');
      expect(refused(countyReview, approve(), townshipCadre, t(11))).toMatchObject({
        code: 'NOT_APPROVER',
        reason: '县级审批须由单位 unit:bureau 办理',
      });
    });

    it('refuses a second approval while the notice runs, even after it should have ended', () => {
      const { villageNotice, countyNotice } = journey();
      expect(refused(villageNotice, approve(), villager, t(3))).toEqual({
        ok: false,
        code: 'NOTICE_RUNNING',
        reason: '村级评议已通过，正在公示，公示期满前不能进入下一级',
      });
      expect(refused(villageNotice, approve(), villager, t(30)).code).toBe('NOTICE_RUNNING');
      expect(refused(countyNotice, approve(), bureauOfficer, t(12)).code).toBe('NOTICE_RUNNING');
    });

    it('sends a rejected approval back to appraisal and counts the rejection', () => {
      const { townshipReview } = journey();
      const decision = step(townshipReview, reject('人均住房面积超标'), townshipCadre, t(10));
      expect(decision.state).toMatchObject({
        stage: 'appraisal',
        stageEnteredAt: t(10),
        lastProgressAt: t(10),
        approval: null,
        rejections: 1,
      });
      expect(decision.event).toMatchObject({
        type: 'reject',
        summary: '乡镇审核未通过，退回危房鉴定',
        reason: '人均住房面积超标',
        data: { stage: 'appraisal', level: 'township' },
      });
      const again = step(decision.state, appraise('C'), villager, t(11)).state;
      expect(again.approval).toEqual({ level: 'village', notice: null, objections: [] });
      expect(again.rejections).toBe(1);
    });

    it('lets the approver reject during the notice, and nobody else', () => {
      const { villageNotice } = journey();
      expect(refused(villageNotice, reject(), townshipCadre, t(3))).toMatchObject({ code: 'NOT_APPROVER' });
      expect(step(villageNotice, reject(), villager, t(3)).state.stage).toBe('appraisal');
    });
  });

  describe('public notice and objections', () => {
    it('records an objection during the notice and halts the notice while it is open', () => {
      const { villageNotice } = journey();
      const decision = step(villageNotice, object('该户另有住房'), resident, t(3));
      expect(decision.state.approval?.objections).toEqual([
        {
          id: 'objection-1',
          text: '该户另有住房',
          level: 'village',
          filedAt: t(3),
          filedBy: '村民张三',
          status: 'open',
          resolution: null,
        },
      ]);
      expect(decision.state.approval?.notice).toEqual({ startedAt: t(2), endsAt: t(9) });
      expect(decision.event).toMatchObject({
        type: 'file-objection',
        summary: '公示期内收到异议，审批暂停',
        reason: '该户另有住房',
        data: { objectionId: 'objection-1' },
      });
      expect(noticeEndsAt(villageNotice)).toBe(t(9));
      expect(noticeEndsAt(decision.state)).toBeNull();
      expect(refused(decision.state, approve(), villager, t(4)).code).toBe('NOTICE_RUNNING');
    });

    it('numbers objections in turn', () => {
      const { villageNotice } = journey();
      const one = step(villageNotice, object('一'), resident, t(3)).state;
      const two = step(one, object('二'), resident, t(4)).state;
      expect(two.approval?.objections.map((o) => o.id)).toEqual(['objection-1', 'objection-2']);
    });

    it('takes objections only while a notice runs', () => {
      const { appraisal, villageReview, villageNotice, townshipReview, construction } = journey();
      const noNotice = { ok: false, code: 'NO_NOTICE', reason: '当前不在公示期内，不能登记公示异议' };
      expect(refused(appraisal, object(), resident, t(1))).toEqual(noNotice);
      expect(refused(villageReview, object(), resident, t(1))).toEqual(noNotice);
      expect(refused(townshipReview, object(), resident, t(10))).toEqual(noNotice);
      expect(refused(construction, object(), resident, t(21))).toEqual(noNotice);
      expect(refused(villageNotice, object(), resident, t(9))).toEqual(noNotice);
      expect(refused(villageNotice, object(), resident, t(12))).toEqual(noNotice);
      expect(step(villageNotice, object(), resident, t(9, -1)).state.approval?.objections).toHaveLength(1);
    });

    it('keeps the notice running when an objection is dismissed before it ends', () => {
      const { villageNotice } = journey();
      const objected = step(villageNotice, object(), resident, t(3)).state;
      const decision = step(objected, resolve('objection-1', false, '经核实无另有住房'), villager, t(4));
      expect(decision.state.stage).toBe('approval');
      expect(decision.state.approval).toEqual({
        level: 'village',
        notice: { startedAt: t(2), endsAt: t(9) },
        objections: [
          expect.objectContaining({ id: 'objection-1', status: 'dismissed', resolution: '经核实无另有住房' }),
        ],
      });
      expect(decision.state.lastProgressAt).toBe(t(4));
      expect(decision.event).toMatchObject({
        type: 'resolve-objection',
        summary: '公示异议不成立，继续公示',
        reason: '经核实无另有住房',
        data: { objectionId: 'objection-1' },
      });
      expect(noticeEndsAt(decision.state)).toBe(t(9));
    });

    it('passes the level at once when the last objection is dismissed after the notice ended', () => {
      const { villageNotice } = journey();
      const objected = step(villageNotice, object(), resident, t(3)).state;
      expect(noticeEndsAt(objected)).toBeNull();
      const decision = step(objected, resolve('objection-1', false, '异议不实'), villager, t(12));
      expect(decision.state.stage).toBe('approval');
      expect(decision.state.approval?.level).toBe('township');
      expect(decision.state.approval?.notice).toBeNull();
      expect(decision.state.lastProgressAt).toBe(t(12));
      expect(decision.event.summary).toBe('公示异议不成立；村级评议通过，转乡镇审核');
      expect(decision.event.data).toMatchObject({ objectionId: 'objection-1', level: 'village' });
    });

    it('waits for every open objection before passing the level', () => {
      const { villageNotice } = journey();
      const one = step(villageNotice, object('一'), resident, t(3)).state;
      const two = step(one, object('二'), resident, t(4)).state;
      const first = step(two, resolve('objection-1', false), villager, t(12));
      expect(first.state.approval?.level).toBe('village');
      expect(first.event.summary).toBe('公示异议不成立，继续公示');
      expect(noticeEndsAt(first.state)).toBeNull();
      const second = step(first.state, resolve('objection-2', false), villager, t(13));
      expect(second.state.approval?.level).toBe('township');
    });

    it('opens construction when a county objection is dismissed after the notice', () => {
      const { countyNotice } = journey();
      const objected = step(countyNotice, object(), resident, t(12)).state;
      const decision = step(objected, resolve('objection-1', false), bureauOfficer, t(17));
      expect(decision.state).toMatchObject({
        stage: 'construction-start',
        approval: null,
        stageEnteredAt: t(17),
      });
      expect(decision.event.summary).toBe('公示异议不成立；县级审批通过，审批完成，可以开工');
    });

    it('keeps earlier objections with the next level so ids stay unique', () => {
      const { villageNotice } = journey();
      const objected = step(villageNotice, object('一'), resident, t(3)).state;
      const township = step(objected, resolve('objection-1', false), villager, t(12)).state;
      const county = step(township, approve(), townshipCadre, t(13)).state;
      const countyNotice = step(county, approve(), bureauOfficer, t(14)).state;
      const again = step(countyNotice, object('二'), resident, t(15)).state;
      expect(again.approval?.objections.map((o) => [o.id, o.level, o.status])).toEqual([
        ['objection-1', 'village', 'dismissed'],
        ['objection-2', 'county', 'open'],
      ]);
      expect(refused(again, resolve('objection-1', false), bureauOfficer, t(16)).code).toBe(
        'NO_SUCH_OBJECTION',
      );
    });

    it('sends the household back to appraisal when an objection is upheld, counting a rejection', () => {
      const { villageNotice } = journey();
      const objected = step(villageNotice, object(), resident, t(3)).state;
      const decision = step(objected, resolve('objection-1', true, '确有另一处住房'), villager, t(5));
      expect(decision.state).toMatchObject({
        stage: 'appraisal',
        stageEnteredAt: t(5),
        lastProgressAt: t(5),
        approval: null,
        rejections: 1,
      });
      expect(decision.event).toMatchObject({
        summary: '公示异议成立，审批未通过，退回危房鉴定',
        reason: '确有另一处住房',
        data: { stage: 'appraisal', objectionId: 'objection-1' },
      });
      expect(noticeEndsAt(decision.state)).toBeNull();
    });

    it('lets only the approver of the level resolve an objection, and only an open one', () => {
      const { villageNotice } = journey();
      const objected = step(villageNotice, object(), resident, t(3)).state;
      expect(refused(objected, resolve('objection-1', false), townshipCadre, t(4))).toEqual({
        ok: false,
        code: 'NOT_APPROVER',
        reason: '公示异议须由单位 unit:village 处理',
      });
      expect(refused(objected, resolve('objection-7', false), villager, t(4))).toMatchObject({
        code: 'NO_SUCH_OBJECTION',
        reason: '没有待处理的异议 objection-7',
      });
      const dismissed = step(objected, resolve('objection-1', false), villager, t(4)).state;
      expect(refused(dismissed, resolve('objection-1', true), villager, t(5)).code).toBe('NO_SUCH_OBJECTION');
      expect(refused(stateIn('construction'), resolve('objection-1', true), villager, t(30)).code).toBe(
        'NO_SUCH_OBJECTION',
      );
    });

    it('has no notice end outside approval', () => {
      const j = journey();
      expect(noticeEndsAt(j.appraisal)).toBeNull();
      expect(noticeEndsAt(j.villageReview)).toBeNull();
      expect(noticeEndsAt(j.constructionStart)).toBeNull();
      expect(noticeEndsAt(j.movedIn)).toBeNull();
    });
  });

  describe('two-party acceptance', () => {
    it('stays in acceptance with one signature and records who signed and what they saw', () => {
      const { acceptance } = journey();
      const withPhoto = step(acceptance, attach('photo'), bureauOfficer, t(60, 2)).state;
      const decision = step(withPhoto, sign(['photo'], '主体结构安全'), bureauOfficer, t(61));
      expect(decision.state.stage).toBe('acceptance');
      expect(decision.state.acceptedAt).toBeNull();
      expect(decision.state.payment).toBeNull();
      expect(decision.state.lastProgressAt).toBe(t(61));
      expect(decision.state.stageEnteredAt).toBe(t(60));
      expect(decision.state.acceptanceSignatures).toEqual([
        {
          signerId: 'user:zjj',
          signerName: '住建局干部',
          unit: 'unit:bureau',
          roles: ['department'],
          at: t(61),
          evidenceSeen: ['photo'],
          note: '主体结构安全',
        },
      ]);
      expect(decision.event.summary).toBe('县住建局验收签字，尚待乡镇人民政府签字');
      expect(decision.event.data).toEqual({
        stage: 'acceptance',
        party: '县住建局',
        note: '主体结构安全',
        evidenceIds: ['photo'],
      });
    });

    it('refuses the same party signing twice, even by another person of that unit', () => {
      const { halfSigned } = journey();
      const again = refused(halfSigned, sign(), bureauOfficer, t(61, 1));
      expect(again).toEqual({
        ok: false,
        code: 'NOT_ACCEPTANCE_PARTY',
        reason: '本单位已签字，尚待乡镇人民政府签字',
      });
      const township = step(stateIn('acceptance'), sign(), townshipCadre, t(61)).state;
      expect(refused(township, sign(), townshipCadre2, t(61, 1)).code).toBe('NOT_ACCEPTANCE_PARTY');
    });

    it('refuses a unit that is not a party to acceptance', () => {
      const { acceptance, halfSigned } = journey();
      const expected = {
        ok: false,
        code: 'NOT_ACCEPTANCE_PARTY',
        reason: '验收须由县住建局和乡镇人民政府签字',
      };
      expect(refused(acceptance, sign(), outsider, t(61))).toEqual(expected);
      expect(refused(halfSigned, sign(), villager, t(61, 1))).toEqual(expected);
      expect(refused(halfSigned, sign(), resident, t(61, 1))).toEqual(expected);
    });

    it('accepts with both signatures in either order and starts the first payment attempt', () => {
      const { acceptance } = journey();
      for (const [first, second] of [
        [bureauOfficer, townshipCadre],
        [townshipCadre, bureauOfficer],
      ]) {
        const half = step(acceptance, sign(), first, t(61)).state;
        const decision = step(half, sign(), second, t(62));
        expect(decision.state).toMatchObject({
          stage: 'payment',
          stageEnteredAt: t(62),
          acceptedAt: t(62),
          payment: { attempt: 1, status: 'paying', transactionId: null, refusedReason: null },
        });
        expect(decision.event.summary).toMatch(/双方签字完成，验收通过，进入资金兑付$/);
      }
    });

    it('sends a rejected acceptance back to construction, clearing signatures and the completion', () => {
      const { halfSigned } = journey();
      const decision = step(halfSigned, reject('屋面渗水'), townshipCadre, t(61, 3));
      expect(decision.state).toMatchObject({
        stage: 'construction',
        stageEnteredAt: t(61, 3),
        acceptanceSignatures: [],
        completedAt: null,
        startedAt: t(20),
        rejections: 1,
      });
      expect(decision.event).toMatchObject({
        type: 'reject',
        summary: '竣工验收未通过，退回施工整改',
        reason: '屋面渗水',
      });
      const redone = step(decision.state, complete(), townshipCadre, t(70)).state;
      expect(redone.completedAt).toBe(t(70));
      expect(redone.acceptanceSignatures).toEqual([]);
      const oneAgain = step(redone, sign(), bureauOfficer, t(71)).state;
      expect(oneAgain.stage).toBe('acceptance');
    });

    it('lets only an acceptance party reject the acceptance', () => {
      const { acceptance } = journey();
      expect(refused(acceptance, reject(), villager, t(61))).toEqual({
        ok: false,
        code: 'NOT_ACCEPTANCE_PARTY',
        reason: '只有验收双方（县住建局、乡镇）可以退回验收',
      });
      expect(step(acceptance, reject(), bureauOfficer, t(61)).state.stage).toBe('construction');
    });
  });

  describe('appraisal ratings', () => {
    it.each(['A', 'B', 'E', 'c', ''])('refuses rating %p as not dangerous', (rating) => {
      const decision = refused(newHouseholdState('C', t(0)), appraise(rating), villager, t(1));
      expect(decision.code).toBe('NOT_DANGEROUS');
      expect(decision.reason).toBe(
        `鉴定为 ${rating} 级的房屋不属于危房改造对象（须为 C 级或 D 级），请办理退出`,
      );
    });
  });

  describe('evidence', () => {
    it('attaches evidence in any working stage without changing the stage', () => {
      const { appraisal, construction } = journey();
      const decision = step(appraisal, attach('e1', '鉴定报告.pdf'), villager, t(0, 5));
      expect(decision.state.stage).toBe('appraisal');
      expect(decision.state.evidence).toEqual([
        { id: 'e1', fileName: '鉴定报告.pdf', sha256: 'sha-e1', stage: 'appraisal' },
      ]);
      expect(decision.state.lastProgressAt).toBe(t(0, 5));
      expect(decision.state.stageEnteredAt).toBe(t(0));
      expect(decision.state.version).toBe(appraisal.version + 1);
      expect(decision.event).toMatchObject({
        type: 'attach-evidence',
        summary: '上传佐证材料 鉴定报告.pdf',
        data: { stage: 'appraisal', evidenceId: 'e1', sha256: 'sha-e1' },
      });
      const later = step(construction, attach('e2'), townshipCadre, t(30)).state;
      expect(later.evidence[0]).toMatchObject({ id: 'e2', stage: 'construction' });
    });

    it('refuses the same evidence twice', () => {
      const attached = step(newHouseholdState('C', t(0)), attach('e1'), villager, t(0, 1)).state;
      expect(refused(attached, attach('e1', 'other-name.pdf'), villager, t(0, 2))).toEqual({
        ok: false,
        code: 'DUPLICATE_EVIDENCE',
        reason: '该佐证材料已登记',
      });
    });

    it('refuses a step citing evidence that was not uploaded to this household', () => {
      const attached = step(newHouseholdState('C', t(0)), attach('e1'), villager, t(0, 1)).state;
      expect(refused(attached, appraise('D', ['e1', 'e8', 'e9']), villager, t(1))).toEqual({
        ok: false,
        code: 'UNKNOWN_EVIDENCE',
        reason: '佐证材料 e8、e9 未上传到该户',
      });
      const decision = step(attached, appraise('D', ['e1'], '鉴定结论'), villager, t(1));
      expect(decision.event.data).toMatchObject({ note: '鉴定结论', evidenceIds: ['e1'] });
      const { acceptance } = journey();
      expect(refused(acceptance, sign(['missing']), bureauOfficer, t(61)).code).toBe('UNKNOWN_EVIDENCE');
      expect(refused(acceptance, complete(), townshipCadre, t(61)).code).toBe('ILLEGAL_STEP');
    });
  });

  describe('milestones recorded later (occurredOn)', () => {
    // t(n) is 08:00 CST on day n: the approval passed on 2024-03-17 (t(16)), construction started
    // on 03-21 (t(20)), acceptance passed on 05-02 (t(62)).
    const dated = (command: HouseholdCommand, occurredOn: string) =>
      ({ ...command, occurredOn }) as HouseholdCommand;
    const monthOf = (instant: string) => {
      const month = cstDate(new Date(instant)).slice(0, 7);
      const { start: from, end } = cstMonthRange(month);
      expect(Date.parse(instant)).toBeGreaterThanOrEqual(from.getTime());
      expect(Date.parse(instant)).toBeLessThan(end.getTime());
      return month;
    };

    it('dates a start recorded weeks later at the start of its day in CST, counted in its month', () => {
      const { constructionStart } = journey();
      // recorded on 2024-04-02, in a bulk entry, for a start on 31 March
      const decision = step(constructionStart, dated(start(), '2024-03-31'), townshipCadre, t(32));
      expect(decision.state.startedAt).toBe(cstDayStart('2024-03-31').toISOString());
      expect(decision.state.startedAt).toBe('2024-03-30T16:00:00.000Z');
      expect(monthOf(decision.state.startedAt!)).toBe('2024-03');
      // stall detection and the timeline go by when it was recorded
      expect(decision.state).toMatchObject({
        stage: 'construction',
        stageEnteredAt: t(32),
        lastProgressAt: t(32),
      });
      expect(decision.event).toMatchObject({
        type: 'record-start',
        at: t(32),
        summary: '开工（发生于 2024-03-31）',
        data: { stage: 'construction', occurredOn: '2024-03-31' },
      });
    });

    it('dates completion and move-in the same way', () => {
      const j = journey();
      const completed = step(j.construction, dated(complete(), '2024-04-28'), townshipCadre, t(62));
      expect(completed.state).toMatchObject({
        completedAt: '2024-04-27T16:00:00.000Z',
        stageEnteredAt: t(62),
      });
      expect(completed.event.data).toMatchObject({ occurredOn: '2024-04-28' });
      const movedIn = step(j.moveIn, dated(moveIn(), '2024-05-05'), villager, t(70));
      expect(movedIn.state).toMatchObject({ movedInAt: '2024-05-04T16:00:00.000Z', stageEnteredAt: t(70) });
      expect(movedIn.event.summary).toBe('已入住，改造完成（发生于 2024-05-05）');
    });

    it('keeps `now` for a milestone dated today in CST, and for one with no date', () => {
      const { constructionStart } = journey();
      expect(
        step(constructionStart, dated(start(), '2024-03-21'), townshipCadre, t(20)).state.startedAt,
      ).toBe(t(20));
      // 01:00 CST on 22 March is still 21 March in UTC: today is the CST date
      const lateNight = '2024-03-21T17:00:00.000Z';
      expect(
        step(constructionStart, dated(start(), '2024-03-22'), townshipCadre, lateNight).state.startedAt,
      ).toBe(lateNight);
      const undated = step(constructionStart, start(), townshipCadre, t(20));
      expect(undated.state.startedAt).toBe(t(20));
      expect(undated.event.data).toEqual({ stage: 'construction', note: '', evidenceIds: [] });
      expect(undated.event.summary).toBe('开工');
    });

    it('never dates a milestone before the previous one on the same day', () => {
      const { constructionStart } = journey();
      // the approval passed at 08:00 on 17 March: a start on that day is dated then, not at midnight
      const decision = step(constructionStart, dated(start(), '2024-03-17'), townshipCadre, t(25));
      expect(decision.state.startedAt).toBe(t(16));
      expect(monthOf(decision.state.startedAt!)).toBe('2024-03');
    });

    it('refuses a date in the future (after today in CST)', () => {
      const { constructionStart } = journey();
      expect(refused(constructionStart, dated(start(), '2024-03-22'), townshipCadre, t(20))).toEqual({
        ok: false,
        code: 'BAD_OCCURRED_ON',
        reason: '发生日期 2024-03-22 晚于今天（2024-03-21），不能登记尚未发生的事',
      });
    });

    it('refuses a date before the previous milestone: approval, start, acceptance', () => {
      const j = journey();
      expect(refused(j.constructionStart, dated(start(), '2024-03-16'), townshipCadre, t(25))).toEqual({
        ok: false,
        code: 'BAD_OCCURRED_ON',
        reason: '发生日期 2024-03-16 早于审批通过的日期（2024-03-17）',
      });
      expect(refused(j.construction, dated(complete(), '2024-03-20'), townshipCadre, t(60)).reason).toBe(
        '发生日期 2024-03-20 早于开工的日期（2024-03-21）',
      );
      // a start dated back is what completion is checked against
      const backdated = step(j.constructionStart, dated(start(), '2024-03-18'), townshipCadre, t(25)).state;
      expect(step(backdated, dated(complete(), '2024-03-19'), townshipCadre, t(60)).state.completedAt).toBe(
        '2024-03-18T16:00:00.000Z',
      );
      expect(refused(j.moveIn, dated(moveIn(), '2024-05-01'), villager, t(70)).reason).toBe(
        '发生日期 2024-05-01 早于验收通过的日期（2024-05-02）',
      );
    });

    it.each(['2024-02-30', '2024/03/20', '2024-3-20', '2024-03-20T08:00:00+08:00', ''])(
      'refuses the malformed date %p',
      (occurredOn) => {
        expect(
          refused(stateIn('construction-start'), dated(start(), occurredOn), townshipCadre, t(25)),
        ).toEqual({
          ok: false,
          code: 'BAD_OCCURRED_ON',
          reason: `发生日期 ${occurredOn} 无效：须为日期，格式 YYYY-MM-DD`,
        });
      },
    );

    it('puts an appraisal date on the event only; a re-appraisal cannot predate the rejection', () => {
      const appraisal = newHouseholdState('C', t(0));
      // appraised before the household was imported: nothing earlier to check against
      const first = step(appraisal, dated(appraise('D'), '2024-02-20'), villager, t(1));
      expect(first.state).toMatchObject({ stage: 'approval', stageEnteredAt: t(1) });
      expect(first.event).toMatchObject({ at: t(1), data: { rating: 'D', occurredOn: '2024-02-20' } });
      expect(refused(appraisal, dated(appraise('D'), '2024-03-03'), villager, t(1)).code).toBe(
        'BAD_OCCURRED_ON',
      );
      const sentBack = step(first.state, reject(), villager, t(3)).state;
      expect(refused(sentBack, dated(appraise('D'), '2024-03-03'), villager, t(6)).reason).toBe(
        '发生日期 2024-03-03 早于退回危房鉴定的日期（2024-03-04）',
      );
      expect(step(sentBack, dated(appraise('D'), '2024-03-05'), villager, t(6)).state.stage).toBe('approval');
    });
  });

  describe('payment', () => {
    it('refuses a retry while the payment is still under way or paid', () => {
      const j = journey();
      const notRefused = {
        ok: false,
        code: 'PAYMENT_NOT_REFUSED',
        reason: '只有被支付渠道拒绝的补助才能重新发起兑付',
      };
      expect(refused(j.payment, retry(), bureauOfficer, t(63))).toEqual(notRefused);
      expect(refused(j.construction, retry(), bureauOfficer, t(63))).toEqual(notRefused);
      expect(refused(j.moveIn, retry(), bureauOfficer, t(64))).toEqual(notRefused);
    });

    it('records a refusal and retries it as a new attempt', () => {
      const { payment } = journey();
      const refusal = recordPaymentRefusal(payment, '收款账户已销户', t(63));
      expect(refusal.state).toMatchObject({
        stage: 'payment',
        payment: { attempt: 1, status: 'refused', transactionId: null, refusedReason: '收款账户已销户' },
        version: payment.version + 1,
      });
      expect(refusal.event).toMatchObject({
        type: 'subsidy-refused',
        actor: { id: 'system:workflow' },
        summary: '补助资金兑付被支付渠道拒绝（第 1 次）',
        reason: '收款账户已销户',
        data: { stage: 'payment', attempt: 1 },
      });

      const retried = step(refusal.state, retry('已更换收款账户'), bureauOfficer, t(65));
      expect(retried.state.payment).toEqual({
        attempt: 2,
        status: 'paying',
        transactionId: null,
        refusedReason: null,
      });
      expect(retried.state.stage).toBe('payment');
      expect(retried.state.lastProgressAt).toBe(t(65));
      expect(retried.state.stageEnteredAt).toBe(payment.stageEnteredAt);
      expect(retried.event).toMatchObject({
        summary: '重新发起补助兑付（第 2 次）',
        reason: '已更换收款账户',
        data: { attempt: 2 },
      });
      expect(refused(retried.state, retry(), bureauOfficer, t(66)).code).toBe('PAYMENT_NOT_REFUSED');

      const again = recordPaymentRefusal(retried.state, '超出限额', t(67));
      expect(again.event.summary).toBe('补助资金兑付被支付渠道拒绝（第 2 次）');
      const third = step(again.state, retry(), bureauOfficer, t(68)).state;
      expect(third.payment?.attempt).toBe(3);
      const paid = recordPayment(third, { transactionId: 'TX-3', paidAt: t(69), amountFen: 100 }, t(69));
      expect(paid.state.payment).toEqual({
        attempt: 3,
        status: 'paid',
        transactionId: 'TX-3',
        refusedReason: null,
      });
      expect(paid.state.stage).toBe('move-in');
    });
  });

  describe('withdrawal', () => {
    it.each<HouseholdStage>(['appraisal', 'approval', 'construction-start', 'construction', 'acceptance'])(
      'allows withdrawal from %s',
      (stage) => {
        const state = stateIn(stage);
        const decision = step(state, withdraw('外出务工，自愿放弃'), villager, t(100));
        expect(decision.state).toMatchObject({
          stage: 'withdrawn',
          stageEnteredAt: t(100),
          approval: null,
          acceptanceSignatures: [],
          withdrawn: { at: t(100), reason: '外出务工，自愿放弃', fromStage: stage },
        });
        expect(decision.event).toMatchObject({
          type: 'withdraw',
          reason: '外出务工，自愿放弃',
          data: { stage: 'withdrawn', fromStage: stage },
        });
      },
    );

    it('allows withdrawal while a notice runs', () => {
      const { villageNotice } = journey();
      const decision = step(villageNotice, withdraw(), villager, t(3));
      expect(decision.state.stage).toBe('withdrawn');
      expect(decision.event.summary).toBe('退出危房改造（原处于「审核审批」阶段）');
      expect(noticeEndsAt(decision.state)).toBeNull();
    });

    it.each<HouseholdStage>(['payment', 'move-in'])('refuses withdrawal in %s', (stage) => {
      expect(refused(stateIn(stage), withdraw(), villager, t(100))).toEqual({
        ok: false,
        code: 'TOO_LATE_TO_WITHDRAW',
        reason: '已验收进入资金兑付的农户不能退出',
      });
    });

    it.each(EVERY_COMMAND.map(([command, actor]) => [command.type, command, actor] as const))(
      'refuses %s after withdrawal',
      (_type, command, actor) => {
        const withdrawn = step(stateIn('construction'), withdraw('不符合条件'), villager, t(30)).state;
        expect(refused(withdrawn, command, actor, t(31))).toEqual({
          ok: false,
          code: 'WITHDRAWN',
          reason: '该户已于 2024-03-31 退出改造：不符合条件',
        });
      },
    );

    it.each(EVERY_COMMAND.map(([command, actor]) => [command.type, command, actor] as const))(
      'refuses %s after move-in',
      (_type, command, actor) => {
        expect(refused(stateIn('moved-in'), command, actor, t(80))).toEqual({
          ok: false,
          code: 'FINISHED',
          reason: '该户已入住，改造已完成',
        });
      },
    );

    it('covers every command type in the finished-state tables', () => {
      const covered: HouseholdCommandType[] = EVERY_COMMAND.map(([command]) => command.type);
      expect([...covered].sort()).toEqual([...HOUSEHOLD_COMMAND_TYPES].sort());
    });
  });

  describe('purity', () => {
    it('never changes the state it decides on, whether it accepts or refuses', () => {
      const j = journey();
      const objected = step(j.villageNotice, object(), resident, t(3)).state;
      const refusedPayment = recordPaymentRefusal(j.payment, 'x', t(63)).state;
      const states = [...Object.values(j), objected, refusedPayment];
      const actors = [villager, townshipCadre, bureauOfficer, outsider, resident];
      let accepted = 0;
      for (const state of states) {
        const before = structuredClone(state);
        deepFreeze(state);
        for (const [command] of EVERY_COMMAND) {
          for (const actor of actors) {
            for (const now of [t(5), t(12), t(100)]) {
              const decision = decideHousehold(state, command, actor, parties, now);
              if (decision.ok) {
                accepted++;
                expect(decision.state).not.toBe(state);
                expect(decision.state.version).toBe(state.version + 1);
              }
            }
          }
        }
        expect(state).toEqual(before);
      }
      expect(accepted).toBeGreaterThan(50);
    });

    it('never changes the state in the system steps', () => {
      const j = journey();
      for (const state of [j.villageNotice, j.countyNotice, j.payment]) deepFreeze(state);
      const notice = structuredClone(j.villageNotice);
      passNotice(j.villageNotice, t(9));
      passNotice(j.countyNotice, t(16));
      expect(j.villageNotice).toEqual(notice);
      const payment = structuredClone(j.payment);
      recordPayment(j.payment, { transactionId: 'T', paidAt: t(63), amountFen: 1 }, t(63));
      recordPaymentRefusal(j.payment, 'x', t(63));
      expect(j.payment).toEqual(payment);
    });

    it('does not share nested objects between the old and the new state', () => {
      const { villageNotice } = journey();
      const next = step(villageNotice, object(), resident, t(3)).state;
      expect(next.approval).not.toBe(villageNotice.approval);
      expect(villageNotice.approval?.objections).toEqual([]);
    });
  });
});

describe('text Postgres cannot store', () => {
  it('refuses a step whose text holds a NUL or a lone surrogate, before any other rule, naming the field', () => {
    const appraisal = newHouseholdState('C', t(0));
    expect(refused(appraisal, withdraw('放弃\u0000'), villager, t(1))).toMatchObject({
      code: 'UNSTORABLE_TEXT',
      reason: expect.stringContaining('reason') as string,
    });
    expect(refused(appraisal, withdraw('放弃\ud800'), villager, t(1)).code).toBe('UNSTORABLE_TEXT');
  });
});
