import { AuditEntry } from './audit/audit-entry.entity';
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
];
