/**
 * The recount after a run with faults (npm run chaos, npm run cluster): the read model against the
 * workflows' `state` query, every acknowledged command in its timeline exactly once, every subsidy
 * paid exactly once by the gateway's own record. Each returns its counts and the problems found.
 */
import { Client, WorkflowNotFoundError } from '@temporalio/client';
import type { Client as PgClient } from 'pg';
import { householdStateQuery } from '../libs/contracts/src/housing/household-pipeline';
import { itemStateQuery } from '../libs/contracts/src/rectification/rectification-item';

type Row = { id: string; workflow_id: string; state: string; version: number };

export interface ReadModelRecount {
  households: { equal: number; rows: Row[] };
  items: { equal: number; rows: Row[] };
  problems: string[];
}

/** Every household row of the programme and item row of the ledger against its workflow's state query. */
export async function recountReadModel(
  temporal: Client,
  db: PgClient,
  programmeId: string,
  ledgerId: string,
): Promise<ReadModelRecount> {
  const problems: string[] = [];
  const compare = async (
    kind: string,
    rows: Row[],
    query: (workflowId: string) => Promise<{ state: string; version: number }>,
  ) => {
    let equal = 0;
    for (let i = 0; i < rows.length; i += 16)
      await Promise.all(
        rows.slice(i, i + 16).map(async (row) => {
          try {
            const wf = await query(row.workflow_id);
            if (wf.state === row.state && wf.version === row.version) equal++;
            else
              problems.push(
                `${kind} ${row.workflow_id}: read model ${row.state} v${row.version}, workflow ${wf.state} v${wf.version}`,
              );
          } catch (error) {
            problems.push(
              `${kind} ${row.workflow_id}: ${error instanceof WorkflowNotFoundError ? 'no workflow' : (error as Error).message}`,
            );
          }
        }),
      );
    return { equal, rows };
  };
  const householdRows = (
    await db.query<Row>(
      `SELECT id, workflow_id, stage AS state, version FROM household WHERE programme_id = $1`,
      [programmeId],
    )
  ).rows;
  const households = await compare('household', householdRows, async (id) => {
    const s = await temporal.workflow.getHandle(id).query(householdStateQuery);
    return { state: s.stage, version: s.version };
  });
  const itemRows = (
    await db.query<Row>(
      `SELECT id, workflow_id, status AS state, version FROM rectification_item WHERE ledger_id = $1`,
      [ledgerId],
    )
  ).rows;
  const items = await compare('item', itemRows, async (id) => {
    const s = await temporal.workflow.getHandle(id).query(itemStateQuery);
    return { state: s.status, version: s.version };
  });
  const notMovedIn = householdRows.filter((r) => r.state !== 'moved-in').length;
  if (notMovedIn > 0) problems.push(`${notMovedIn} households did not reach moved-in`);
  return { households, items, problems };
}

/** A command the API acknowledged: the note it carried and the object it was for. */
export interface Acknowledged {
  table: 'household' | 'item' | 'task';
  id: string;
  note: string;
}

/** How many acknowledged commands are in their object's timeline exactly once. */
export async function acknowledgedAppliedOnce(
  db: PgClient,
  acknowledged: Acknowledged[],
): Promise<{ applied: number; problems: string[] }> {
  const tableOf = {
    household: `SELECT count(*)::int AS n FROM household_event WHERE household_id = $1 AND position($2 in data::text) > 0`,
    item: `SELECT count(*)::int AS n FROM rectification_event WHERE item_id = $1 AND position($2 in data::text) > 0`,
    task: `SELECT count(*)::int AS n FROM campaign_task_event WHERE campaign_id || ':' || task_key = $1 AND position($2 in data::text) > 0`,
  };
  const problems: string[] = [];
  let applied = 0;
  // one at a time: a pg client runs one query at a time anyway (and pg 9 refuses queries queued on it)
  for (const ack of acknowledged) {
    const [{ n }] = (await db.query<{ n: number }>(tableOf[ack.table], [ack.id, ack.note])).rows;
    if (n === 1) applied++;
    else
      problems.push(
        `acknowledged ${ack.table} command ${ack.note} on ${ack.id} is in its timeline ${n} times`,
      );
  }
  return { applied, problems };
}

/** The simulated gateway's own books against the read model: each household paid once, the same transfer. */
export async function paidExactlyOnce(
  db: PgClient,
  programmeId: string,
): Promise<{ paidOnce: number; transfers: number; problems: string[] }> {
  const problems: string[] = [];
  const transfers = (
    await db.query<{ household_no: string; transfers: number; transaction_ids: string[] }>(
      `SELECT split_part(idempotency_key, ':', 3) AS household_no, count(*)::int AS transfers,
              array_agg(transaction_id) AS transaction_ids
         FROM simulated_gateway_transfer WHERE idempotency_key LIKE $1 GROUP BY 1`,
      [`subsidy:${programmeId}:%`],
    )
  ).rows;
  const booked = new Map(
    (
      await db.query<{ household_no: string; transaction_id: string | null }>(
        `SELECT household_no, state->'payment'->>'transactionId' AS transaction_id FROM household WHERE programme_id = $1`,
        [programmeId],
      )
    ).rows.map((r) => [r.household_no, r.transaction_id]),
  );
  let paidOnce = 0;
  for (const t of transfers) {
    if (t.transfers !== 1) problems.push(`household ${t.household_no} paid ${t.transfers} times`);
    else if (booked.get(t.household_no) !== t.transaction_ids[0])
      problems.push(
        `household ${t.household_no}: gateway paid ${t.transaction_ids[0]}, read model says ${booked.get(t.household_no)}`,
      );
    else paidOnce++;
  }
  const paidInReadModel = [...booked.values()].filter(Boolean).length;
  if (paidInReadModel !== transfers.length)
    problems.push(`${paidInReadModel} households paid in the read model, ${transfers.length} at the gateway`);
  return { paidOnce, transfers: transfers.length, problems };
}
