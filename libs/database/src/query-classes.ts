import { AuditQueries } from './audit/audit.queries';
import type { QueriesClass } from './queries';

/**
 * Every query class, provided to the API's services by `ReadModelModule`
 * (apps/api/src/read-model). One line per class, under its area.
 */
export const QUERY_CLASSES: QueriesClass[] = [
  // identity and organisation
  // rectification
  // housing
  // campaign
  // platform (audit, batches, idempotency, notifications, diagnostics, metrics)
  AuditQueries,
];
