import { AuditEntry } from './audit/audit-entry.entity';
import { RoundTripCheck } from './diagnostics/round-trip-check.entity';
import { ApiToken } from './identity/api-token.entity';
import { RefreshToken } from './identity/refresh-token.entity';
import { User } from './identity/user.entity';
import { Unit } from './organisation/unit.entity';

/** Every entity of the read model, master data and audit trail. */
export const ENTITIES = [RoundTripCheck, Unit, User, RefreshToken, ApiToken, AuditEntry];
