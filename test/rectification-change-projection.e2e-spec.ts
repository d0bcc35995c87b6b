/**
 * A step's projection carries what the step changed, not the item's whole state: on the real
 * Postgres the read model applies each change to the state of the version before, so the row ends
 * equal, column by column, to one projected from whole states; a change that arrives early waits
 * (is retried) for the version it applies to, and a late or repeated one changes nothing.
 */
import { randomUUID } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/common';
import {
  createRectificationActivities,
  type ProjectionInput,
} from '../activities/rectification/rectification.activities';
import type { RectificationItemFacts } from '../libs/contracts/src/rectification/rectification-item';
import { stateChange } from '../libs/domain/src/process/state-change';
import {
  decide,
  type ItemCommand,
  type ItemState,
  newItemState,
} from '../libs/domain/src/rectification/item-process';
import type { Actor } from '../libs/domain/src/process/actor';
import type { TimelineEvent } from '../libs/domain/src/process/timeline';
import { addLedger, addPerson, addUnit, FAR_AHEAD } from './queries/rectification-fixture';
import { openQueryDatabase, type QueryDatabase } from './support/query-database';

const verifier: Actor = { id: 'user:v1', name: '验收人', unit: 'county', roles: ['inspector'] };

describe('rectification projection of changes (real Postgres)', () => {
  let db: QueryDatabase;
  let activities: ReturnType<typeof createRectificationActivities>;
  let ledgerId: string;
  let personId: string;
  let verifierId: string;
  let unitPath: string;

  beforeAll(async () => {
    db = await openQueryDatabase();
    const m = db.dataSource.manager;
    await addUnit(m, 'county', '某县');
    unitPath = await addUnit(m, 'zjj', '县住建局');
    personId = await addPerson(m, 'zjj1', '住建局经办', 'zjj', ['department']);
    verifierId = await addPerson(m, 'inspector', '督查员', 'county', ['inspector']);
    ledgerId = (await addLedger(m, '省审计问题台账')).id;
    activities = createRectificationActivities(db.dataSource);
  });
  afterAll(() => db.close());

  const registered = (number: number): { facts: RectificationItemFacts; state: ItemState } => {
    const itemId = randomUUID();
    return {
      facts: {
        itemId,
        ledgerId,
        number,
        problem: '农村饮水工程管护不到位，部分村组供水时断时续',
        source: '省专项巡视',
        category: '民生保障',
        analysis: '管护责任未落实',
        measures: ['明确管护主体', '建立维修基金'],
        responsibleUnit: 'zjj',
        responsibleUnitPath: unitPath,
        verifierId,
        repeatOf: null,
        workflowId: `rectification:${ledgerId}:${itemId}`,
      },
      state: newItemState({
        deadlines: { basic: FAR_AHEAD, full: FAR_AHEAD },
        responsibleUnit: 'zjj',
        responsiblePersonId: personId,
        verifierId,
      }),
    };
  };
  const registration = (facts: RectificationItemFacts, state: ItemState): ProjectionInput => ({
    facts,
    state,
    actor: verifier,
    event: {
      type: 'register',
      at: '2026-03-01T00:00:00.000Z',
      actor: verifier,
      summary: '登记问题',
      reason: null,
      data: {},
    },
  });

  /** The states and events of a pause, a resume, a progress report and a reassignment after registration. */
  const steps = (start: ItemState) => {
    const commands: ItemCommand[] = [
      { type: 'pause', reason: '涉及诉讼，暂停计时' },
      { type: 'resume', reason: '诉讼结束' },
      { type: 'record-progress', note: '已完成管网排查' },
      { type: 'reassign', personId: verifierId, personName: '督查员', reason: '人员调整' },
    ];
    const states = [start];
    const events: TimelineEvent[] = [];
    commands.forEach((command, i) => {
      const decision = decide(states.at(-1)!, command, verifier, `2026-03-0${i + 2}T02:00:00.000Z`);
      if (!decision.ok) throw new Error(`${command.type} refused: ${decision.reason}`);
      states.push(decision.state);
      events.push(decision.event);
    });
    return { states, events };
  };
  const changeOf = (itemId: string, states: ItemState[], events: TimelineEvent[], i: number) => ({
    itemId,
    status: states[i + 1].status,
    change: stateChange(states[i], states[i + 1]),
    event: events[i],
    actor: verifier,
  });
  const row = async (itemId: string) => {
    const [found] = await db.dataSource.query<Array<Record<string, unknown>>>(
      `SELECT * FROM rectification_item WHERE id = $1`,
      [itemId],
    );
    // what differs between two items of the same facts and history: their ids, numbers and times
    for (const column of ['id', 'number', 'workflow_id', 'created_at', 'updated_at']) delete found[column];
    return found;
  };
  const count = async (sql: string, itemId: string) =>
    Number((await db.dataSource.query<Array<{ n: string }>>(sql, [itemId]))[0].n);

  it('ends equal to an item projected from whole states, column by column', async () => {
    const byChange = registered(1);
    const byState = registered(2); // the same facts but its id and number
    const { states, events } = steps(byChange.state);
    await activities.projectRectification(registration(byChange.facts, states[0]));
    await activities.projectRectification(registration(byState.facts, states[0]));
    for (let i = 0; i < events.length; i++) {
      await activities.projectRectification(changeOf(byChange.facts.itemId, states, events, i));
      await activities.projectRectification({
        facts: byState.facts,
        state: states[i + 1],
        event: events[i],
        actor: verifier,
      });
    }
    const projected = await row(byChange.facts.itemId);
    expect(projected).toMatchObject({
      version: states.length,
      responsible_person_id: verifierId,
      paused_since: null,
    });
    expect(projected).toEqual(await row(byState.facts.itemId));
  });

  it('retries a change that arrives before the version it applies to, and skips one that comes late', async () => {
    const { facts, state } = registered(3);
    const { states, events } = steps(state);
    await activities.projectRectification(registration(facts, states[0]));

    const early = activities.projectRectification(changeOf(facts.itemId, states, events, 1));
    await expect(early).rejects.toBeInstanceOf(ApplicationFailure);
    await expect(early).rejects.toMatchObject({ type: 'ProjectionAhead', nonRetryable: false });
    expect(await row(facts.itemId)).toMatchObject({ version: 1, paused_since: null });
    const timeline = `SELECT count(*) AS n FROM rectification_event WHERE item_id = $1`;
    expect(await count(timeline, facts.itemId)).toBe(1);

    await activities.projectRectification(changeOf(facts.itemId, states, events, 0));
    expect(await row(facts.itemId)).toMatchObject({
      version: 2,
      paused_since: new Date(states[1].paused!.since),
    });
    await activities.projectRectification(changeOf(facts.itemId, states, events, 1));
    expect(await row(facts.itemId)).toMatchObject({ version: 3, paused_since: null });

    // the pause's projection retried after the resume was stored: nothing changes, nothing doubles
    await activities.projectRectification(changeOf(facts.itemId, states, events, 0));
    expect(await row(facts.itemId)).toMatchObject({ version: 3, paused_since: null });
    expect(await count(timeline, facts.itemId)).toBe(3);
    const audit = `SELECT count(*) AS n FROM audit_entry WHERE subject = 'rectification:' || $1`;
    expect(await count(audit, facts.itemId)).toBe(3);
  });
});
