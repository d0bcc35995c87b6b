import { AuditQueries } from './audit/audit.queries';
import { BatchMatchQueries } from './batch/batch-match.queries';
import { BatchRunQueries } from './batch/batch-run.queries';
import { BatchQueries } from './batch/batch.queries';
import { RoundTripQueries } from './diagnostics/round-trip.queries';
import { EvidenceFileQueries } from './platform/evidence-file.queries';
import { IdempotencyKeyQueries } from './platform/idempotency-key.queries';
import { ThrottleCounterQueries } from './platform/throttle-counter.queries';
import { CampaignChangeQueries } from './campaign/campaign-change.queries';
import { CampaignNoticeQueries } from './campaign/campaign-notice.queries';
import { CampaignPlanQueries } from './campaign/campaign-plan.queries';
import { CampaignProgressQueries } from './campaign/campaign-progress.queries';
import { CampaignProjectionQueries } from './campaign/campaign-projection.queries';
import { CampaignTaskProjectionQueries } from './campaign/campaign-task-projection.queries';
import { CampaignTaskQueries } from './campaign/campaign-task.queries';
import { CampaignQueries } from './campaign/campaign.queries';
import { WorkingCalendarQueries } from './campaign/working-calendar.queries';
import { ApiTokenQueries } from './identity/api-token.queries';
import { AuthenticationQueries } from './identity/authentication.queries';
import { RefreshTokenQueries } from './identity/refresh-token.queries';
import { UserQueries } from './identity/user.queries';
import { NotificationQueries } from './notifications/notification.queries';
import { LeaderQueueQueries } from './organisation/leader-queue.queries';
import { UnitTaskQueries } from './organisation/unit-tasks.queries';
import { UnitQueries } from './organisation/unit.queries';
import { HouseholdImportQueries } from './housing/household-imports.queries';
import { HouseholdProjectionQueries } from './housing/household-projection.queries';
import { HouseholdQueries } from './housing/households.queries';
import { HousingPlaceQueries } from './housing/housing-places.queries';
import { HousingReportQueries } from './housing/housing-report.queries';
import { ProgrammeQueries } from './housing/programmes.queries';
import { SubsidyPaymentQueries } from './housing/subsidy-payment.queries';
import type { QueriesClass } from './queries';
import { BulletinQueries } from './rectification/bulletin.queries';
import { ItemReferenceQueries } from './rectification/item-references.queries';
import { LedgerOverviewQueries } from './rectification/ledger-overview.queries';
import { LedgerQueries } from './rectification/ledger.queries';
import { RectificationItemQueries } from './rectification/rectification-item.queries';
import { RectificationProjectionQueries } from './rectification/rectification-projection.queries';

/**
 * Every query class, provided to the API's services by `ReadModelModule`
 * (apps/api/src/read-model). One line per class, under its area.
 */
export const QUERY_CLASSES: QueriesClass[] = [
  // identity and organisation
  UserQueries,
  ApiTokenQueries,
  RefreshTokenQueries,
  AuthenticationQueries,
  UnitQueries,
  UnitTaskQueries,
  LeaderQueueQueries,
  NotificationQueries,
  // rectification
  LedgerQueries,
  LedgerOverviewQueries,
  RectificationItemQueries,
  ItemReferenceQueries,
  RectificationProjectionQueries,
  BulletinQueries,
  // housing
  HouseholdQueries,
  HouseholdImportQueries,
  HouseholdProjectionQueries,
  HousingPlaceQueries,
  HousingReportQueries,
  ProgrammeQueries,
  SubsidyPaymentQueries,
  // campaign
  CampaignQueries,
  CampaignPlanQueries,
  CampaignProgressQueries,
  CampaignTaskQueries,
  CampaignChangeQueries,
  CampaignProjectionQueries,
  CampaignTaskProjectionQueries,
  CampaignNoticeQueries,
  WorkingCalendarQueries,
  // platform (audit, batches, idempotency, notifications, diagnostics, metrics)
  AuditQueries,
  BatchQueries,
  BatchMatchQueries,
  BatchRunQueries,
  RoundTripQueries,
  IdempotencyKeyQueries,
  ThrottleCounterQueries,
  EvidenceFileQueries,
];
