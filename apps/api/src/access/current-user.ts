import type { Role } from '../../../../libs/domain/src/access/roles';
import type { AuditActor } from '../../../../libs/database/src/audit/audit-trail';

/** The signed-in caller, attached to the request by the access guard. */
export interface CurrentUser {
  id: string;
  username: string;
  displayName: string;
  unitCode: string;
  /** Materialised path of the caller's unit, for "at or below my unit" checks. */
  unitPath: string;
  roles: Role[];
  /** How the caller authenticated: a session (JWT) or a machine client's API token. */
  via: { kind: 'session' } | { kind: 'api-token'; tokenId: string };
  /** An admin has reset the password: until the person sets a new one, only that (and sign-out) is allowed. */
  mustChangePassword?: boolean;
}

export function auditActor(user: CurrentUser): AuditActor {
  const id = user.via.kind === 'api-token' ? `user:${user.id}/token:${user.via.tokenId}` : `user:${user.id}`;
  return { id, name: `${user.displayName}（${user.username}）`, unit: user.unitCode, roles: user.roles };
}

export const SYSTEM_ACTOR: AuditActor = { id: 'system:api', name: '系统', unit: null, roles: [] };
