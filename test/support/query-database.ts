import { AbstractLogger, DataSource, LogLevel, LogMessage } from 'typeorm';
import { dataSourceOptions } from '../../libs/database/src/data-source-options';
import { createTestDatabase } from './test-database';

/** One SQL statement a query class ran, with its parameters. */
export interface RanStatement {
  sql: string;
  parameters: unknown[];
}

/** Keeps every statement TypeORM runs while `recording` is on. */
class RecordingLogger extends AbstractLogger {
  recording = false;
  readonly statements: RanStatement[] = [];
  override logQuery(query: string, parameters?: unknown[]): void {
    if (this.recording) this.statements.push({ sql: query, parameters: parameters ?? [] });
  }
  protected writeLog(_level: LogLevel, _message: LogMessage | LogMessage[]): void {}
}

export interface QueryDatabase {
  dataSource: DataSource;
  /** The statements `work` ran (transactions' BEGIN/COMMIT left out). */
  statementsOf(work: () => Promise<unknown>): Promise<RanStatement[]>;
  /**
   * The plan nodes of each statement, planned with sequential scans discouraged
   * (`enable_seqscan = off`): a `Seq Scan` left in the plan means no index can answer it.
   */
  plansOf(work: () => Promise<unknown>): Promise<Array<{ sql: string; nodes: PlanNode[] }>>;
  close(): Promise<void>;
}

export interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
}

function flatten(node: PlanNode & { Plans?: PlanNode[] }): PlanNode[] {
  return [node, ...(node.Plans ?? []).flatMap((child) => flatten(child))];
}

/**
 * A fresh database with every migration, and a data source on it that records the statements
 * query classes run, for the query layer's integration tests (`test/queries/*.e2e-spec.ts`).
 */
export async function openQueryDatabase(): Promise<QueryDatabase> {
  const database = await createTestDatabase();
  const logger = new RecordingLogger();
  const dataSource = await new DataSource(
    dataSourceOptions(database.url, { logging: ['query'], logger }),
  ).initialize();
  const statementsOf = async (work: () => Promise<unknown>) => {
    logger.statements.length = 0;
    logger.recording = true;
    try {
      await work();
    } finally {
      logger.recording = false;
    }
    return logger.statements
      .splice(0)
      .filter(
        ({ sql }) => !/^(START TRANSACTION|BEGIN|COMMIT|ROLLBACK|SET |SAVEPOINT|RELEASE)/i.test(sql.trim()),
      );
  };
  return {
    dataSource,
    statementsOf,
    async plansOf(work) {
      const statements = await statementsOf(work);
      const runner = dataSource.createQueryRunner();
      try {
        await runner.query('SET enable_seqscan = off');
        const plans = [];
        for (const { sql, parameters } of statements) {
          if (!/^\s*(SELECT|WITH)/i.test(sql)) continue;
          const [row] = (await runner.query(`EXPLAIN (FORMAT JSON) ${sql}`, parameters)) as Array<{
            'QUERY PLAN': Array<{ Plan: PlanNode & { Plans?: PlanNode[] } }>;
          }>;
          plans.push({ sql, nodes: flatten(row['QUERY PLAN'][0].Plan) });
        }
        return plans;
      } finally {
        await runner.query('RESET enable_seqscan');
        await runner.release();
      }
    },
    async close() {
      await dataSource.destroy();
      await database.drop();
    },
  };
}

/** The tables a plan reads by a sequential scan (expected empty for the large ones). */
export const sequentialScans = (nodes: PlanNode[]): string[] =>
  nodes.filter((n) => n['Node Type'] === 'Seq Scan').map((n) => n['Relation Name'] ?? '?');
