import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { User } from '../../../../libs/database/src/identity/user.entity';
import { UserQueries } from '../../../../libs/database/src/identity/user.queries';
import { Unit } from '../../../../libs/database/src/organisation/unit.entity';
import { UnitQueries } from '../../../../libs/database/src/organisation/unit.queries';
import { canReachUnit, readsAcrossUnits } from '../access/access-policy';
import { auditActor, CurrentUser } from '../access/current-user';
import { AuditService } from '../audit/audit.service';
import { AccessCache } from '../auth/access-cache';
import { AuthErrors } from '../auth/auth.errors';
import { hashPassword, verifyPassword } from '../auth/passwords';
import { unitInFieldNotFound } from '../units/units.errors';
import { CreateUserBody, UpdateUserBody, UsersQuery, UserView } from './dto/user.dto';
import { userView } from './user-views';
import { UsersErrors } from './users.errors';

const snapshot = (u: User) => ({
  username: u.username,
  displayName: u.displayName,
  unitCode: u.unitCode,
  roles: u.roles,
  active: u.active,
});

const notFound = (id: string) => UsersErrors.error('USER_NOT_FOUND', `用户 ${id} 不存在`);

/** People: who may see whom, creating and changing them, their passwords and sign-in locks. */
@Injectable()
export class UsersService {
  constructor(
    private readonly audit: AuditService,
    private readonly users: UserQueries,
    private readonly units: UnitQueries,
    private readonly access: AccessCache,
  ) {}

  /** People the caller may see: everyone for cross-unit roles, else those of the caller's unit and below. */
  async list(caller: CurrentUser, query: UsersQuery): Promise<UserView[]> {
    const own = readsAcrossUnits(caller) ? undefined : caller.unitPath;
    const within = query.within ? (await this.unit(this.units, query.within, 'within')).path : undefined;
    return (await this.users.listedUnder({ own, within })).map(userView);
  }

  /** One person, or 404 when the caller may not see them (no hint that they exist). */
  async get(caller: CurrentUser, id: string): Promise<User> {
    const user = await this.users.byId(id);
    if (!user) throw notFound(id);
    const unit = await this.units.byCodeOrFail(user.unitCode);
    if (!canReachUnit(caller, unit.path)) throw notFound(id);
    return user;
  }

  create(caller: CurrentUser, body: CreateUserBody): Promise<UserView> {
    return this.audit.inTransaction(async (manager) =>
      userView(await this.insert(manager, caller, body, body.password)),
    );
  }

  /** Creates a person (audited) inside the caller's transaction; 409 when the username is taken. */
  async insert(
    manager: EntityManager,
    caller: CurrentUser,
    body: CreateUserBody,
    password?: string,
  ): Promise<User> {
    const users = new UserQueries(manager);
    if (await users.usernameTaken(body.username)) {
      throw UsersErrors.error('USERNAME_TAKEN', `用户名 ${body.username} 已被使用`);
    }
    await this.unit(new UnitQueries(manager), body.unitCode, 'unitCode');
    const user = await users.insert({
      username: body.username,
      displayName: body.displayName,
      unitCode: body.unitCode,
      roles: body.roles,
      passwordHash: password ? await hashPassword(password) : null,
    });
    await this.audit.record(manager, auditActor(caller), {
      action: 'user.created',
      subject: `user:${user.id}`,
      after: snapshot(user),
    });
    return user;
  }

  /** Changes a person; once committed this process's access cache forgets them (the others on its notification). */
  async update(caller: CurrentUser, id: string, body: UpdateUserBody): Promise<UserView> {
    const view = await this.audit.inTransaction(async (manager) => {
      const users = new UserQueries(manager);
      const user = await users.byIdForUpdate(id);
      if (!user) throw notFound(id);
      const before = snapshot(user);
      if (body.unitCode !== undefined) await this.unit(new UnitQueries(manager), body.unitCode, 'unitCode');
      if (
        body.roles &&
        user.id === caller.id &&
        user.roles.includes('admin') &&
        !body.roles.includes('admin')
      ) {
        throw UsersErrors.error('LAST_ADMIN_GUARD');
      }
      Object.assign(user, {
        displayName: body.displayName ?? user.displayName,
        unitCode: body.unitCode ?? user.unitCode,
        roles: body.roles ?? user.roles,
        active: body.active ?? user.active,
      });
      await users.save(user);
      await this.audit.record(manager, auditActor(caller), {
        action: 'user.updated',
        subject: `user:${id}`,
        before,
        after: snapshot(user),
        reason: body.reason,
      });
      return userView(user);
    });
    this.access.forgetUser(id);
    return view;
  }

  /** An administrator's reset (a new password due at the next request): the access cache forgets the person. */
  async setPassword(caller: CurrentUser, id: string, password: string): Promise<void> {
    await this.audit.inTransaction(async (manager) => {
      const users = new UserQueries(manager);
      if (!(await users.byId(id))) throw notFound(id);
      await users.resetPassword(id, await hashPassword(password));
      await this.audit.record(manager, auditActor(caller), {
        action: 'user.password-set',
        subject: `user:${id}`,
        reason: '管理员重置密码',
      });
    });
    this.access.forgetUser(id);
  }

  async changeOwnPassword(caller: CurrentUser, currentPassword: string, newPassword: string): Promise<void> {
    const stored = await this.users.withPasswordById(caller.id);
    if (!stored.passwordHash || !(await verifyPassword(stored.passwordHash, currentPassword))) {
      throw AuthErrors.error('BAD_CREDENTIALS', '当前密码错误');
    }
    if (currentPassword === newPassword) {
      throw UsersErrors.error('PASSWORD_UNCHANGED', undefined, [
        { field: 'newPassword', problems: ['新密码不能与当前密码相同'] },
      ]);
    }
    await this.audit.inTransaction(async (manager) => {
      await new UserQueries(manager).changePassword(caller.id, await hashPassword(newPassword));
      await this.audit.record(manager, auditActor(caller), {
        action: 'user.password-changed',
        subject: `user:${caller.id}`,
      });
    });
    this.access.forgetUser(caller.id);
  }

  unlock(caller: CurrentUser, id: string): Promise<UserView> {
    return this.audit.inTransaction(async (manager) => {
      const users = new UserQueries(manager);
      const user = await users.byId(id);
      if (!user) throw notFound(id);
      await users.clearSignInFailures(id);
      await this.audit.record(manager, auditActor(caller), {
        action: 'user.unlocked',
        subject: `user:${id}`,
        before: { lockedUntil: user.lockedUntil?.toISOString() ?? null },
      });
      return userView({ ...user, failedLogins: 0, lockedUntil: null });
    });
  }

  /** 404 when the person does not exist (an admin route: no per-unit check). */
  async assertExists(users: UserQueries, id: string): Promise<void> {
    if (!(await users.exists(id))) throw notFound(id);
  }

  /** The unit a request names in `field`, or 400 UNIT_NOT_FOUND naming the field. */
  private async unit(units: UnitQueries, code: string, field: string): Promise<Unit> {
    const unit = await units.byCode(code);
    if (!unit) throw unitInFieldNotFound(code, field);
    return unit;
  }
}
