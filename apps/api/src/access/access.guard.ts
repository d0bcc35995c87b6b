import {
  CanActivate,
  ExecutionContext,
  ForbiddenException,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import type { Role } from '../../../../libs/domain/src/access/roles';
import { PASSWORD_CHANGE_KEY, PUBLIC_KEY, ROLES_KEY } from './access.decorators';
import { Authenticator } from '../auth/authenticator.service';
import type { CurrentUser } from './current-user';

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
      throw new ForbiddenException({ code: 'ROUTE_WITHOUT_ROLES', message: '该接口未声明访问角色，已拒绝' });
    }
    const request = context.switchToHttp().getRequest<Request & { user?: CurrentUser }>();
    const header = request.headers.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : undefined;
    if (!token) throw new UnauthorizedException({ code: 'NOT_AUTHENTICATED', message: '未登录或登录已失效' });
    const user = await this.authenticator.authenticate(token);
    request.user = user;
    if (!user.roles.some((role) => roles.includes(role))) {
      throw new ForbiddenException({ code: 'ROLE_NOT_ALLOWED', message: '当前角色无权执行此操作' });
    }
    if (user.mustChangePassword && !this.reflector.getAllAndOverride<boolean>(PASSWORD_CHANGE_KEY, targets)) {
      throw new ForbiddenException({
        code: 'PASSWORD_CHANGE_REQUIRED',
        message: '管理员已重置您的密码，请先设置新密码',
      });
    }
    return true;
  }
}
