import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { RectificationItemFacts } from '../../libs/contracts/src/rectification/rectification-item';
import type { Ledger } from '../../libs/database/src/rectification/ledger.entity';
import { LedgerQueries } from '../../libs/database/src/rectification/ledger.queries';
import { RectificationProjectionQueries } from '../../libs/database/src/rectification/rectification-projection.queries';
import { DEFAULT_LADDER } from '../../libs/domain/src/escalation/ladder';
import { newItemState, type ItemState } from '../../libs/domain/src/rectification/item-process';

/** Deadlines long past and far ahead: overdue or not whatever day the spec runs. */
export const LONG_AGO = '2020-06-30T09:30:00.000Z';
export const FAR_AHEAD = '2099-06-30T09:30:00.000Z';

export const SYSTEM_ACTOR = { id: 'system:test', name: '测试', unit: null, roles: [] };

/** A unit and its path under the county (`/county/<code>/`); the county itself with `code` 'county'. */
export async function addUnit(db: EntityManager, code: string, name: string): Promise<string> {
  const path = code === 'county' ? '/county/' : `/county/${code}/`;
  await db.query(`INSERT INTO unit (code, name, kind, parent_code, path) VALUES ($1, $2, $3, $4, $5)`, [
    code,
    name,
    code === 'county' ? 'county' : 'department',
    code === 'county' ? null : 'county',
    path,
  ]);
  return path;
}

/** A person of a unit with roles; their id. */
export async function addPerson(
  db: EntityManager,
  username: string,
  displayName: string,
  unitCode: string,
  roles: string[],
  active = true,
): Promise<string> {
  const [row] = await db.query<Array<{ id: string }>>(
    `INSERT INTO app_user (username, display_name, unit_code, roles, active) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [username, displayName, unitCode, roles, active],
  );
  return row.id;
}

export function addLedger(db: EntityManager, name: string): Promise<Ledger> {
  return new LedgerQueries(db).create({
    id: randomUUID(),
    name,
    source: '省审计报告',
    campaignId: null,
    classification: [],
    ladder: DEFAULT_LADDER,
    bulletinEvery: 'P1W',
    bulletinFirstAt: new Date(FAR_AHEAD),
    itemsRegistered: 0,
    createdBy: '测试',
  });
}

export interface ItemSpec {
  ledgerId: string;
  number: number;
  problem: string;
  unit: string;
  unitPath: string;
  personId: string;
  verifierId: string;
  full: string;
  /** Changes to the registered state (closed, levels fired, paused …). */
  state?: Partial<ItemState>;
}

/** Writes an item as the item workflow's projection does (row and first timeline entry); its id. */
export async function addItem(db: EntityManager, spec: ItemSpec): Promise<string> {
  const itemId = randomUUID();
  const facts: RectificationItemFacts = {
    itemId,
    ledgerId: spec.ledgerId,
    number: spec.number,
    problem: spec.problem,
    source: '省审计报告',
    category: '资金管理',
    analysis: '审批环节多',
    measures: ['简化审批'],
    responsibleUnit: spec.unit,
    responsibleUnitPath: spec.unitPath,
    verifierId: spec.verifierId,
    repeatOf: null,
    workflowId: `rectification:${spec.ledgerId}:${itemId}`,
  };
  const state = {
    ...newItemState({
      deadlines: { basic: spec.full, full: spec.full },
      responsibleUnit: spec.unit,
      responsiblePersonId: spec.personId,
      verifierId: spec.verifierId,
    }),
    ...spec.state,
  };
  const projection = new RectificationProjectionQueries(db);
  await projection.storeItem(facts, state, new Date());
  await projection.appendEvent(
    itemId,
    state.version,
    {
      type: 'registered',
      at: '2026-01-05T02:00:00.000Z',
      actor: SYSTEM_ACTOR,
      summary: '登记问题',
      reason: null,
      data: {},
    },
    SYSTEM_ACTOR,
  );
  return itemId;
}
