import { ROLES, type Role } from '../../../../libs/domain/src/access/roles';

/** Every role: routes any signed-in user may call (per-object checks still apply). */
export const ALL_ROLES: Role[] = [...ROLES];
