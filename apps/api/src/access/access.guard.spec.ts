import { ExecutionContext, ForbiddenException, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Authenticator } from '../auth/authenticator.service';
import { AllowedWhilePasswordChangeRequired, Public, Roles } from './access.decorators';
import { AccessGuard } from './access.guard';
import type { CurrentUser } from './current-user';

class Routes {
  undeclared() {}
  @Public() open() {}
  @Roles('admin') adminOnly() {}
  @Roles('department') ownWork() {}
  @Roles('department') @AllowedWhilePasswordChangeRequired() changeOwnPassword() {}
}

const department: CurrentUser = {
  id: 'u1',
  username: 'dept',
  displayName: '部门',
  unitCode: 'tA',
  unitPath: '/c1/tA/',
  roles: ['department'],
  via: { kind: 'session' },
};

function contextFor(handler: keyof Routes, authorization?: string): ExecutionContext {
  const request = { headers: authorization ? { authorization } : {} };
  return {
    getHandler: () => Routes.prototype[handler],
    getClass: () => Routes,
    switchToHttp: () => ({ getRequest: () => request }),
  } as unknown as ExecutionContext;
}

describe('AccessGuard', () => {
  const authenticator = { authenticate: jest.fn(() => Promise.resolve(department)) };
  const guard = new AccessGuard(new Reflector(), authenticator as unknown as Authenticator);

  it('refuses a route that declares no roles, even for a signed-in user', async () => {
    await expect(guard.canActivate(contextFor('undeclared', 'Bearer t'))).rejects.toBeInstanceOf(
      ForbiddenException,
    );
  });

  it('lets anyone call a public route without a token', async () => {
    await expect(guard.canActivate(contextFor('open'))).resolves.toBe(true);
  });

  it('asks for a token on a declared route', async () => {
    await expect(guard.canActivate(contextFor('adminOnly'))).rejects.toBeInstanceOf(UnauthorizedException);
  });

  it('refuses a caller whose roles the route does not name', async () => {
    await expect(guard.canActivate(contextFor('adminOnly', 'Bearer t'))).rejects.toBeInstanceOf(
      ForbiddenException,
    );
  });

  it('holds back a person who must choose a new password, except on changing it', async () => {
    const reset = new AccessGuard(new Reflector(), {
      authenticate: () => Promise.resolve({ ...department, mustChangePassword: true }),
    } as unknown as Authenticator);
    await expect(reset.canActivate(contextFor('ownWork', 'Bearer t'))).rejects.toMatchObject({
      response: { code: 'PASSWORD_CHANGE_REQUIRED' },
    });
    await expect(reset.canActivate(contextFor('changeOwnPassword', 'Bearer t'))).resolves.toBe(true);
    await expect(guard.canActivate(contextFor('ownWork', 'Bearer t'))).resolves.toBe(true);
  });
});
