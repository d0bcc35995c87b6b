import { CreateDiagnosticRoundTrip1763900000000 } from './1763900000000-create-diagnostic-round-trip';
import { OrganisationIdentityAudit1763900001000 } from './1763900001000-organisation-identity-audit';
import { RectificationLedgers1763900002000 } from './1763900002000-rectification-ledgers';
import { HousingPipelines1763900003000 } from './1763900003000-housing-pipelines';
import { RestoreEditedMigrations1763900003500 } from './1763900003500-restore-edited-migrations';
import { Campaigns1763900004000 } from './1763900004000-campaigns';
import { IdempotencyKeys1763900005000 } from './1763900005000-idempotency-keys';
import { TaskLeaderDecisions1763900006000 } from './1763900006000-task-leader-decisions';
import { UniqueMigrationNames1763900010000 } from './1763900010000-unique-migration-names';
import { DocumentNumbers1763900011000 } from './1763900011000-document-numbers';
import { Batches1763900012000 } from './1763900012000-batches';
import { SessionsAndThrottling1763900020000 } from './1763900020000-sessions-and-throttling';
import { SubsidyPaymentFailures1763900021000 } from './1763900021000-subsidy-payment-failures';
import { DashboardReadModel1763900030000 } from './1763900030000-dashboard-read-model';
import { BatchObjectKeys1763900060000 } from './1763900060000-batch-object-keys';
import { AppRoleGrants1763900065000 } from './1763900065000-app-role-grants';
import { AccessChangeNotify1763900070000 } from './1763900070000-access-change-notify';
import { ItemEscalationIndex1763900110000 } from './1763900110000-item-escalation-index';
import { ShardedHouseholdCounters1763900120000 } from './1763900120000-sharded-household-counters';
import { CampaignTaskPausedSince1763900130000 } from './1763900130000-campaign-task-paused-since';

/** Every migration, oldest first. Listed explicitly so bundled or compiled code finds them without globs. */
export const MIGRATIONS = [
  CreateDiagnosticRoundTrip1763900000000,
  OrganisationIdentityAudit1763900001000,
  RectificationLedgers1763900002000,
  HousingPipelines1763900003000,
  RestoreEditedMigrations1763900003500,
  Campaigns1763900004000,
  IdempotencyKeys1763900005000,
  TaskLeaderDecisions1763900006000,
  UniqueMigrationNames1763900010000,
  DocumentNumbers1763900011000,
  Batches1763900012000,
  SessionsAndThrottling1763900020000,
  SubsidyPaymentFailures1763900021000,
  DashboardReadModel1763900030000,
  BatchObjectKeys1763900060000,
  AppRoleGrants1763900065000,
  AccessChangeNotify1763900070000,
  ItemEscalationIndex1763900110000,
  ShardedHouseholdCounters1763900120000,
  CampaignTaskPausedSince1763900130000,
];
