import type { ApiToken } from '../../../../libs/database/src/identity/api-token.entity';
import type { User } from '../../../../libs/database/src/identity/user.entity';
import type { ApiTokenView, UserView } from './dto/user.dto';

export function userView(user: User): UserView {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    unitCode: user.unitCode,
    roles: user.roles,
    active: user.active,
    lockedUntil:
      user.lockedUntil && user.lockedUntil.getTime() > Date.now() ? user.lockedUntil.toISOString() : null,
  };
}

export function tokenView(t: ApiToken): ApiTokenView {
  return {
    id: t.id,
    name: t.name,
    createdAt: t.createdAt.toISOString(),
    expiresAt: t.expiresAt?.toISOString() ?? null,
    lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
    revokedAt: t.revokedAt?.toISOString() ?? null,
  };
}
