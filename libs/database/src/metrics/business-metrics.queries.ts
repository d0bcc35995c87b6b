import type { DataSource } from 'typeorm';

/** A count with the value of its one label (`status`, `stage`, `level`). */
export interface LabelledCount {
  label: string;
  count: number;
}

/** What the business gauges show, read from the read model in one go. */
export interface BusinessMetricsSnapshot {
  itemsOpenByStatus: LabelledCount[];
  itemsOverdue: number;
  itemsEscalatedByLevel: LabelledCount[];
  tasksOpenByStatus: LabelledCount[];
  tasksEscalatedByLevel: LabelledCount[];
  householdsByStage: LabelledCount[];
  householdsEscalatedByLevel: LabelledCount[];
  paymentsRefused: number;
  importsRunning: number;
  importHouseholdsWaiting: number;
  batchesRunning: number;
  batchItemsPending: number;
}

/** An overdue item, as the ledger overview counts it: open, not paused, past its full deadline plus paused time. */
const OVERDUE_ITEM = `(i.status <> 'closed' AND i.paused_since IS NULL AND i.full_deadline + i.paused_ms * interval '1 millisecond' < now())`;

const labelled = (rows: { label: string | number; count: string | number }[]): LabelledCount[] =>
  rows.map((row) => ({ label: String(row.label), count: Number(row.count) }));

/**
 * The SQL of the business gauges (GET /metrics on METRICS_PORT). Whole-system counts, no reader
 * filter: the metrics port is for operators, not for users.
 */
export async function readBusinessMetrics(dataSource: DataSource): Promise<BusinessMetricsSnapshot> {
  const [items, overdue, itemLevels, tasks, taskLevels, stages, householdLevels, refused, imports, batches] =
    await Promise.all([
      dataSource.query<{ label: string; count: string }[]>(
        `SELECT status AS label, count(*) AS count FROM rectification_item WHERE status <> 'closed' GROUP BY status`,
      ),
      dataSource.query<{ count: string }[]>(
        `SELECT count(*) AS count FROM rectification_item i WHERE ${OVERDUE_ITEM}`,
      ),
      dataSource.query<{ label: number; count: string }[]>(
        `SELECT escalation_level AS label, count(*) AS count FROM rectification_item
        WHERE status <> 'closed' AND escalation_level > 0 GROUP BY escalation_level`,
      ),
      dataSource.query<{ label: string; count: string }[]>(
        `SELECT status AS label, count(*) AS count FROM campaign_task
        WHERE NOT is_group AND status <> 'accepted' GROUP BY status`,
      ),
      dataSource.query<{ label: number; count: string }[]>(
        `SELECT escalation_level AS label, count(*) AS count FROM campaign_task
        WHERE NOT is_group AND status <> 'accepted' AND escalation_level > 0 GROUP BY escalation_level`,
      ),
      dataSource.query<{ label: string; count: string }[]>(
        `SELECT stage AS label, count(*) AS count FROM household GROUP BY stage`,
      ),
      dataSource.query<{ label: number; count: string }[]>(
        `SELECT escalation_level AS label, count(*) AS count FROM household
        WHERE escalation_level > 0 GROUP BY escalation_level`,
      ),
      dataSource.query<{ count: string }[]>(
        `SELECT count(*) AS count FROM household WHERE payment_status = 'refused'`,
      ),
      dataSource.query<{ running: string; waiting: string | null }[]>(
        `SELECT count(*) AS running, sum(households - started) AS waiting FROM household_import WHERE status <> 'done'`,
      ),
      dataSource.query<{ running: string; pending: string }[]>(
        `SELECT (SELECT count(*) FROM batch WHERE status <> 'finished') AS running,
              (SELECT count(*) FROM batch_item bi JOIN batch b ON b.id = bi.batch_id
                WHERE b.status <> 'finished' AND bi.result = 'pending') AS pending`,
      ),
    ]);
  return {
    itemsOpenByStatus: labelled(items),
    itemsOverdue: Number(overdue[0]?.count ?? 0),
    itemsEscalatedByLevel: labelled(itemLevels),
    tasksOpenByStatus: labelled(tasks),
    tasksEscalatedByLevel: labelled(taskLevels),
    householdsByStage: labelled(stages),
    householdsEscalatedByLevel: labelled(householdLevels),
    paymentsRefused: Number(refused[0]?.count ?? 0),
    importsRunning: Number(imports[0]?.running ?? 0),
    importHouseholdsWaiting: Number(imports[0]?.waiting ?? 0),
    batchesRunning: Number(batches[0]?.running ?? 0),
    batchItemsPending: Number(batches[0]?.pending ?? 0),
  };
}
