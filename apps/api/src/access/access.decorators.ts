import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiErrorsOf } from '../common/errors/api-errors.decorator';
import { CommonErrors } from '../common/errors/common.errors';
import type { Role } from '../../../../libs/domain/src/access/roles';
import type { CurrentUser } from './current-user';

export const ROLES_KEY = 'access:roles';
export const PUBLIC_KEY = 'access:public';
export const PASSWORD_CHANGE_KEY = 'access:password-change';

/**
 * Who may call a route. Every route must say: the access guard refuses a route with neither
 * `@Roles(...)` nor `@Public()` (deny by default). Per-object checks happen in the services.
 */
export const Roles = (...roles: Role[]) =>
  applyDecorators(
    SetMetadata(ROLES_KEY, roles),
    ApiErrorsOf(
      'access',
      CommonErrors.pick('NOT_AUTHENTICATED', 'ROLE_NOT_ALLOWED', 'PASSWORD_CHANGE_REQUIRED'),
    ),
  );

/** A route anyone may call without signing in (health, login). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/** The signed-in caller. */
export const Caller = createParamDecorator((_data: unknown, context: ExecutionContext): CurrentUser => {
  const request = context.switchToHttp().getRequest<{ user?: CurrentUser }>();
  if (!request.user) throw new Error('Caller used on a route that is not authenticated');
  return request.user;
});

/**
 * The route stays open to a person who must choose a new password (after an admin's reset):
 * changing one's own password. Every other route answers 403 PASSWORD_CHANGE_REQUIRED.
 */
export const AllowedWhilePasswordChangeRequired = () => SetMetadata(PASSWORD_CHANGE_KEY, true);
