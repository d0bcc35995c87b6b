import { AuditEntry } from './audit/audit-entry.entity';
import { CampaignBulletin } from './campaign/campaign-bulletin.entity';
import { CampaignChange } from './campaign/campaign-change.entity';
import { CampaignEscalation } from './campaign/campaign-escalation.entity';
import { CampaignEvidence } from './campaign/campaign-evidence.entity';
import { CampaignPlanVersion } from './campaign/campaign-plan-version.entity';
import { CampaignPledge } from './campaign/campaign-pledge.entity';
import { CampaignTaskEvent } from './campaign/campaign-task-event.entity';
import { CampaignTask } from './campaign/campaign-task.entity';
import { Campaign } from './campaign/campaign.entity';
import { WorkingCalendarDay } from './campaign/working-calendar-day.entity';
import { WorkingCalendarYear } from './campaign/working-calendar-year.entity';
import { BatchItem } from './batch/batch-item.entity';
import { Batch } from './batch/batch.entity';
import { RoundTripCheck } from './diagnostics/round-trip-check.entity';
import { ApiToken } from './identity/api-token.entity';
import { RefreshToken } from './identity/refresh-token.entity';
import { User } from './identity/user.entity';
import { HouseholdEvent } from './housing/household-event.entity';
import { HouseholdEvidence } from './housing/household-evidence.entity';
import { HouseholdImport } from './housing/household-import.entity';
import { Household } from './housing/household.entity';
import { HousingProgramme } from './housing/housing-programme.entity';
import { Notification } from './notifications/notification.entity';
import { Unit } from './organisation/unit.entity';
import { Bulletin } from './rectification/bulletin.entity';
import { EscalationNotice } from './rectification/escalation-notice.entity';
import { EvidenceFile } from './rectification/evidence-file.entity';
import { ItemComment } from './rectification/item-comment.entity';
import { Ledger } from './rectification/ledger.entity';
import { RectificationEvent } from './rectification/rectification-event.entity';
import { RectificationItem } from './rectification/rectification-item.entity';

/** Every entity of the read model, master data and audit trail. */
export const ENTITIES = [
  RoundTripCheck,
  Unit,
  User,
  RefreshToken,
  ApiToken,
  AuditEntry,
  Ledger,
  RectificationItem,
  RectificationEvent,
  EvidenceFile,
  ItemComment,
  EscalationNotice,
  Bulletin,
  Notification,
  HousingProgramme,
  HouseholdImport,
  Household,
  HouseholdEvent,
  HouseholdEvidence,
  WorkingCalendarDay,
  WorkingCalendarYear,
  Campaign,
  CampaignPlanVersion,
  CampaignTask,
  CampaignTaskEvent,
  CampaignEvidence,
  CampaignPledge,
  CampaignEscalation,
  CampaignBulletin,
  CampaignChange,
  Batch,
  BatchItem,
];
