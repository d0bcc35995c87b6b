import type { Pool } from 'pg';
import type { BulkResult, CommandResult, Household } from './careful-client';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface BulkDriveOptions {
  /** The careful client's `command`. */
  command: <T>(method: string, route: string, token: string, body: unknown) => Promise<CommandResult<T>>;
  tokenOf: (person: string) => string;
  /** A unique note per request, so each acknowledged step can be found in the timeline. */
  nextNote: () => string;
  bulkSize: number;
  maxRounds: number;
  /** A household's step the API acknowledged (2xx and `ok` for it). */
  acknowledged: (householdId: string, note: string) => void;
  /** A household the API did not apply the step to, with the reason's code. */
  refused?: (householdId: string, code: string) => void;
  /** Of households the API said it did not apply the step to, those whose timeline has it anyway. */
  appliedAnyway?: (householdIds: string[], notes: string[]) => Promise<Set<string>>;
}

/** One step for a group of households, by the person each one's `personOf` names, sent again until all took it. */
export type Drive = (group: Household[], personOf: (h: Household) => string, step: object) => Promise<void>;

/**
 * The bulk-step driver of the fault harnesses (`npm run chaos`, `npm run cluster`): sends the step
 * `bulkSize` households at a time, each request with its own note, and sends it again to the
 * households it was not applied to (a notice still running, a payment not yet made, a worker away).
 */
export function bulkDrive(options: BulkDriveOptions): Drive {
  return async (group, personOf, step) => {
    let pending = group;
    const notes: string[] = [];
    const lastRefusal = new Map<string, string>();
    for (let round = 0; pending.length > 0; round++) {
      if (round > options.maxRounds)
        throw new Error(
          `${pending.length} households never took ${JSON.stringify(step)}: ${pending
            .slice(0, 5)
            .map((h) => `${h.id} (${lastRefusal.get(h.id) ?? '?'})`)
            .join(', ')}`,
        );
      const failedIds = new Set<string>();
      const byPerson = new Map<string, Household[]>();
      for (const h of pending) byPerson.set(personOf(h), [...(byPerson.get(personOf(h)) ?? []), h]);
      for (const [person, list] of byPerson)
        for (let i = 0; i < list.length; i += options.bulkSize) {
          const note = options.nextNote();
          notes.push(note);
          const result = await options.command<BulkResult>(
            'POST',
            '/housing/households/steps',
            options.tokenOf(person),
            {
              householdIds: list.slice(i, i + options.bulkSize).map((h) => h.id),
              step: { ...step, note },
            },
          );
          if (!result.ok) throw new Error(`bulk step refused: ${result.status} ${result.body}`);
          for (const r of result.body) {
            if (r.ok) options.acknowledged(r.householdId, note);
            else {
              failedIds.add(r.householdId);
              lastRefusal.set(r.householdId, `${r.code ?? '?'}: ${r.message ?? ''}`);
              options.refused?.(r.householdId, r.code ?? '?');
            }
          }
        }
      const late =
        failedIds.size > 0 && options.appliedAnyway
          ? await options.appliedAnyway([...failedIds], notes)
          : new Set<string>();
      pending = pending.filter((h) => failedIds.has(h.id) && !late.has(h.id));
      if (pending.length > 0) await sleep(2000);
    }
  };
}

/**
 * Every household from appraisal to move-in, each step by the person who takes it (the township,
 * the village, the housing bureau `zjj`), the townships in parallel.
 */
export async function walkToMoveIn(households: Household[], drive: Drive): Promise<void> {
  const byTownship = new Map<string, Household[]>();
  for (const h of households) byTownship.set(h.township, [...(byTownship.get(h.township) ?? []), h]);
  await Promise.all(
    [...byTownship.values()].map(async (group) => {
      await drive(group, (h) => h.township, { type: 'record-appraisal', rating: 'D' });
      await drive(group, (h) => h.village, { type: 'approve' });
      await drive(group, (h) => h.township, { type: 'approve' });
      await drive(group, () => 'zjj', { type: 'approve' });
      await drive(group, (h) => h.township, { type: 'record-start' });
      await drive(group, (h) => h.township, { type: 'record-completion' });
      await drive(group, (h) => h.township, { type: 'sign-acceptance' });
      await drive(group, () => 'zjj', { type: 'sign-acceptance' });
      await drive(group, (h) => h.township, { type: 'record-move-in' });
    }),
  );
}

/**
 * Of the households the API said it did not apply a step to, those whose timeline holds one of the
 * notes the step was sent with: a step that reached its workflow while the API's wait gave up (a
 * worker away, Temporal restarting) is applied a moment later, and must not be sent again. A
 * database that cannot be read (stopped by the harness) finds none; the next round asks again.
 */
export function appliedByTimeline(db: Pool): (ids: string[], notes: string[]) => Promise<Set<string>> {
  return async (ids, notes) => {
    try {
      const { rows } = await db.query<{ household_id: string }>(
        `SELECT DISTINCT e.household_id::text AS household_id FROM household_event e
           JOIN unnest($2::text[]) AS n(note) ON position(n.note in e.data::text) > 0
          WHERE e.household_id::text = ANY($1::text[])`,
        [ids, notes],
      );
      return new Set(rows.map((r) => r.household_id));
    } catch {
      return new Set();
    }
  };
}

/** Where a household stands, as the list answers it. */
export interface HouseholdStanding extends Household {
  stage: string;
  approvalLevel: string | null;
}

/** The steps that move a household on from where it stands, each with the person who takes it. */
export function nextSteps(h: HouseholdStanding): Array<{ person: string; step: object }> {
  switch (h.stage) {
    case 'appraisal':
      return [{ person: h.township, step: { type: 'record-appraisal', rating: 'D' } }];
    case 'approval': {
      const person = { village: h.village, township: h.township, county: 'zjj' }[
        h.approvalLevel ?? 'village'
      ];
      return [{ person: person ?? h.village, step: { type: 'approve' } }];
    }
    case 'construction-start':
      return [{ person: h.township, step: { type: 'record-start' } }];
    case 'construction':
      return [{ person: h.township, step: { type: 'record-completion' } }];
    case 'acceptance':
      // both parties sign; the one that already has is refused and nothing changes
      return [
        { person: h.township, step: { type: 'sign-acceptance' } },
        { person: 'zjj', step: { type: 'sign-acceptance' } },
      ];
    case 'move-in':
      return [{ person: h.township, step: { type: 'record-move-in' } }];
    default:
      return []; // payment runs by itself; moved-in and withdrawn are done
  }
}

/**
 * Every household from appraisal to move-in, each round sending every household the step its
 * current stage (read from the API) calls for, in bulk per person and step, until all moved in. A
 * step whose answer was lost, or that a reconciled read model took back, is simply sent again
 * from where the household stands; a refusal (a notice running, a payment not yet made, a worker
 * away) waits for the next round.
 */
export async function walkByStanding(options: {
  standings: () => Promise<HouseholdStanding[]>;
  send: (householdIds: string[], person: string, step: object) => Promise<BulkResult>;
  bulkSize: number;
  maxRounds: number;
  /** Refused or unconfirmed households of the last round, with the reason, for a workload that gives up. */
  refused?: (householdId: string, code: string) => void;
}): Promise<void> {
  const lastRefusal = new Map<string, string>();
  for (let round = 0; ; round++) {
    const open = (await options.standings()).filter((h) => h.stage !== 'moved-in' && h.stage !== 'withdrawn');
    if (open.length === 0) return;
    if (round > options.maxRounds)
      throw new Error(
        `${open.length} households never reached move-in: ${open
          .slice(0, 5)
          .map((h) => `${h.id} at ${h.stage} (${lastRefusal.get(h.id) ?? 'no refusal'})`)
          .join(', ')}`,
      );
    const groups = new Map<string, { person: string; step: object; ids: string[] }>();
    for (const h of open)
      for (const { person, step } of nextSteps(h)) {
        const key = `${person} ${JSON.stringify(step)}`;
        const group = groups.get(key) ?? { person, step, ids: [] };
        group.ids.push(h.id);
        groups.set(key, group);
      }
    await Promise.all(
      [...groups.values()].map(async ({ person, step, ids }) => {
        for (let i = 0; i < ids.length; i += options.bulkSize)
          for (const r of await options.send(ids.slice(i, i + options.bulkSize), person, step))
            if (!r.ok) {
              lastRefusal.set(r.householdId, `${r.code ?? '?'}: ${r.message ?? ''}`);
              options.refused?.(r.householdId, r.code ?? '?');
            }
      }),
    );
    await sleep(2000);
  }
}
