import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { householdStateColumns } from '../activities/housing/household.activities';
import { createRectificationActivities } from '../activities/rectification/rectification.activities';
import { householdWorkflowId } from '../libs/contracts/src/housing/household-pipeline';
import type { RectificationItemFacts } from '../libs/contracts/src/rectification/rectification-item';
import { trackAnchors, type EscalationRules } from '../libs/domain/src/housing/household-escalation';
import { newHouseholdState, type HouseholdState } from '../libs/domain/src/housing/household-process';
import type { HouseholdStage } from '../libs/domain/src/housing/household-stages';
import type { SignOff } from '../libs/domain/src/sign-off/sign-off';
import { newItemState, type ItemState } from '../libs/domain/src/rectification/item-process';
import type { Actor } from '../libs/domain/src/process/actor';

/**
 * Seeding for the dashboards benchmark (bench/dashboards.ts). Households are written by SQL shaped
 * exactly like the import and the projection write them (the import's columns, then the columns
 * `householdStateColumns` derives from a state, the projection's one mapping; the stage counts
 * as the import adds them; the other counters by the table's triggers). test/dashboards-seed.e2e-spec.ts
 * projects a household through the real projection activity and compares the rows column by column.
 * Rectification items go through the real projection activity (`projectRectification`).
 */

const DAY = 86_400_000;

export interface SeedProgramme {
  id: string;
  rules: EscalationRules & { housingBureau: string };
}

export interface SeedVillage {
  code: string;
  township: string;
  /** The village's unit path. */
  path: string;
}

/** Who signs an acceptance in the seeded data (a stand-in signer of the given unit). */
function signature(unit: string, at: string): SignOff {
  return {
    signerId: `seed-${unit}`,
    signerName: `验收人（${unit}）`,
    unit,
    roles: ['department'],
    at,
    evidenceSeen: [],
    note: '',
  };
}

/** Stage of the i-th seeded household: 10% appraisal, 10% approval, … 20% moved in, 5% withdrawn. */
function stageOf(i: number): HouseholdStage {
  const p = i % 100;
  if (p < 10) return 'appraisal';
  if (p < 20) return 'approval';
  if (p < 30) return 'construction-start';
  if (p < 55) return 'construction';
  if (p < 65) return 'acceptance';
  if (p < 70) return 'payment';
  if (p < 75) return 'move-in';
  if (p < 95) return 'moved-in';
  return 'withdrawn';
}

const ORDER: HouseholdStage[] = [
  'appraisal',
  'approval',
  'construction-start',
  'construction',
  'acceptance',
  'payment',
  'move-in',
  'moved-in',
];
const reached = (stage: HouseholdStage, milestone: HouseholdStage) =>
  ORDER.indexOf(stage) >= ORDER.indexOf(milestone);

/**
 * The state of the i-th seeded household as of `now` (deterministic): milestones spread over the
 * last eleven months, last progress over the last 200 days, one in seven escalated for stalling.
 */
export function seededHouseholdState(
  i: number,
  programme: SeedProgramme,
  village: SeedVillage,
  now: number,
): HouseholdState {
  const iso = (t: number) => new Date(t).toISOString();
  const stage = stageOf(i);
  const lastProgress = now - ((i * 7919) % 200) * DAY - (i % 24) * 3_600_000;
  const started = lastProgress - (30 + ((i * 31) % 130)) * DAY;
  const state = newHouseholdState(i % 5 === 0 ? 'C' : 'D', iso(lastProgress - 200 * DAY));
  // a withdrawn household left the pipeline in the appraisal, approval or construction stage
  const last = stage === 'withdrawn' ? ORDER[i % 4] : stage;
  state.stage = stage;
  state.stageEnteredAt = iso(lastProgress);
  state.lastProgressAt = iso(lastProgress);
  state.version = 1 + ORDER.indexOf(last) * 2 + (stage === 'withdrawn' ? 1 : 0);
  if (stage === 'approval')
    state.approval = {
      level: (['village', 'township', 'county'] as const)[i % 3],
      notice: i % 4 === 0 ? { startedAt: iso(lastProgress), endsAt: iso(lastProgress + 7 * DAY) } : null,
      objections: [],
    };
  if (reached(last, 'construction')) state.startedAt = iso(started);
  if (reached(last, 'acceptance')) state.completedAt = iso(started + 25 * DAY);
  if (stage === 'acceptance') {
    const signed = [[], [village.township], [programme.rules.housingBureau]][i % 3];
    state.acceptanceSignatures = signed.map((unit) => signature(unit, iso(lastProgress)));
  }
  if (reached(last, 'payment')) {
    state.acceptanceSignatures = [village.township, programme.rules.housingBureau].map((unit) =>
      signature(unit, iso(started + 28 * DAY)),
    );
    state.acceptedAt = iso(started + 28 * DAY);
  }
  if (reached(last, 'move-in')) state.paidAt = iso(started + 29 * DAY);
  if (last === 'moved-in') state.movedInAt = iso(lastProgress);
  if (stage === 'withdrawn')
    state.withdrawn = { at: iso(lastProgress), reason: '农户自愿放弃改造', fromStage: last };
  if (i % 7 === 0) {
    const stall = trackAnchors(state, programme.rules).find((a) => a.track === 'stall');
    if (stall) state.escalations = [{ track: 'stall', anchorAt: stall.anchorAt, level: 1 + (i % 3) }];
  }
  return state;
}

/** The household row as the import writes it and the projection then updates it from `state`. */
export function seededHouseholdRow(
  i: number,
  programme: SeedProgramme,
  importId: string,
  village: SeedVillage,
  state: HouseholdState,
): Record<string, unknown> {
  const householdNo = `S${String(i).padStart(7, '0')}`;
  return {
    id: randomUUID(),
    programme_id: programme.id,
    import_id: importId,
    household_no: householdNo,
    head_name: `户主${i}`,
    village: village.code,
    township: village.township,
    village_path: village.path,
    registered_poor: i % 10 !== 0,
    planned_subsidy_fen: 1_400_000,
    workflow_id: householdWorkflowId(programme.id, householdNo),
    pipeline_started: true,
    ...householdStateColumns(state, programme.rules),
    state,
    updated_at: state.lastProgressAt,
  };
}

/**
 * Seeds `count` households of one programme (numbers `first` …), in one import of its own, spread
 * evenly over `villages`; rows in statements of 2,000 (the triggers count each statement).
 */
export async function seedHouseholds(
  dataSource: DataSource,
  programme: SeedProgramme,
  villages: SeedVillage[],
  first: number,
  count: number,
  now: number,
): Promise<void> {
  const importId = randomUUID();
  await dataSource.query(
    `INSERT INTO household_import (id, programme_id, file_name, households, started, status, imported_by, finished_at)
     VALUES ($1, $2, 'seeded.csv', $3, $3, 'done', 'bench', now())`,
    [importId, programme.id, count],
  );
  for (let start = first; start < first + count; start += 2000) {
    const rows = [];
    for (let i = start; i < Math.min(first + count, start + 2000); i++) {
      const village = villages[i % villages.length];
      rows.push(
        seededHouseholdRow(i, programme, importId, village, seededHouseholdState(i, programme, village, now)),
      );
    }
    await dataSource.query(
      `INSERT INTO household SELECT * FROM json_populate_recordset(NULL::household, $1::json)`,
      [JSON.stringify(rows)],
    );
  }
  await dataSource.query(
    `INSERT INTO household_stage_count (programme_id, township, stage, slot, households)
     SELECT programme_id, township, stage, household_counter_slot(), count(*) FROM household WHERE import_id = $1
      GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
     ON CONFLICT (programme_id, township, stage, slot)
       DO UPDATE SET households = household_stage_count.households + EXCLUDED.households`,
    [importId],
  );
}

export interface SeedUnit {
  code: string;
  path: string;
  /** A person of the unit responsible for its items. */
  personId: string;
}

const REGISTRAR: Actor = { id: 'system:bench', name: '基准测试', unit: null, roles: [] };

/** The i-th seeded item of a ledger: facts and a state (a spread of statuses, deadlines and levels). */
export function seededItem(
  i: number,
  ledgerId: string,
  unit: SeedUnit,
  verifierId: string,
  now: number,
): { facts: RectificationItemFacts; state: ItemState } {
  const iso = (t: number) => new Date(t).toISOString();
  const itemId = randomUUID();
  const basic = now + (((i * 37) % 90) - 30) * DAY;
  const state = newItemState({
    deadlines: { basic: iso(basic), full: iso(basic + 30 * DAY) },
    responsibleUnit: unit.code,
    responsiblePersonId: unit.personId,
    verifierId,
  });
  const p = i % 20;
  if (p >= 10) state.basicDoneAt = iso(now - 5 * DAY);
  state.status = p < 10 ? 'rectifying' : p < 13 ? 'basic-done' : p < 15 ? 'submitted' : 'closed';
  if (p >= 13) state.submittedAt = iso(now - 3 * DAY);
  if (state.status === 'closed') state.closedAt = iso(now - DAY);
  if (i % 6 === 0) state.firedLevels = [1, 2, 3].slice(0, 1 + (Math.floor(i / 6) % 3));
  state.version = 1 + (p % 5);
  return {
    facts: {
      itemId,
      ledgerId,
      number: i + 1,
      problem: `问题${i + 1}：专项资金拨付进度滞后`,
      source: '基准测试',
      category: ['资金管理', '工程质量', '作风建设'][i % 3],
      analysis: '审批环节多',
      measures: ['简化审批'],
      responsibleUnit: unit.code,
      responsibleUnitPath: unit.path,
      verifierId,
      repeatOf: null,
      workflowId: `rectification:${ledgerId}:${itemId}`,
    },
    state,
  };
}

/** Projects `count` items of a ledger through the real projection activity, 8 at a time. */
export async function seedItems(
  dataSource: DataSource,
  ledgerId: string,
  units: SeedUnit[],
  verifierId: string,
  count: number,
  now: number,
): Promise<void> {
  const activities = createRectificationActivities(dataSource);
  const items = Array.from({ length: count }, (_, i) =>
    seededItem(i, ledgerId, units[i % units.length], verifierId, now),
  );
  for (let i = 0; i < items.length; i += 8)
    await Promise.all(
      items.slice(i, i + 8).map(({ facts, state }) =>
        activities.projectRectification({
          facts,
          state,
          actor: REGISTRAR,
          event: {
            type: 'registered',
            at: new Date(now).toISOString(),
            actor: REGISTRAR,
            summary: '登记问题',
            reason: null,
            data: {},
          },
        }),
      ),
    );
}
