import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import type { Role } from '../../../../libs/domain/src/access/roles';
import { PASSWORD_CHANGE_KEY, PUBLIC_KEY, ROLES_KEY } from './access.decorators';
import { Authenticator } from '../auth/authenticator.service';
import type { CurrentUser } from './current-user';
import { CommonErrors } from '../common/errors/common.errors';

/** Global guard: deny by default, authenticate, then check the route's declared roles. */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly authenticator: Authenticator,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (!roles || roles.length === 0) {
      throw CommonErrors.error('ROUTE_WITHOUT_ROLES');
    }
    const request = context.switchToHttp().getRequest<FastifyRequest & { user?: CurrentUser }>();
    const header = request.headers.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : undefined;
    if (!token) throw CommonErrors.error('NOT_AUTHENTICATED');
    const user = await this.authenticator.authenticate(token);
    request.user = user;
    if (!user.roles.some((role) => roles.includes(role))) {
      throw CommonErrors.error('ROLE_NOT_ALLOWED');
    }
    if (user.mustChangePassword && !this.reflector.getAllAndOverride<boolean>(PASSWORD_CHANGE_KEY, targets)) {
      throw CommonErrors.error('PASSWORD_CHANGE_REQUIRED');
    }
    return true;
  }
}
