import { randomBytes } from 'node:crypto';
import {
  BadRequestException,
  ConflictException,
  Injectable,
  NotFoundException,
  UnauthorizedException,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { ApiToken } from '../../../../libs/database/src/identity/api-token.entity';
import { User } from '../../../../libs/database/src/identity/user.entity';
import { Unit } from '../../../../libs/database/src/organisation/unit.entity';
import { canReachUnit, readsAcrossUnits } from '../access/access-policy';
import { auditActor, CurrentUser } from '../access/current-user';
import { AuditService } from '../audit/audit.service';
import { hashPassword, verifyPassword } from '../auth/passwords';
import { API_TOKEN_PREFIX, hashSecret, newSecret } from '../auth/secrets';
import { ImportTable, importRejected, RowProblem, TableColumns } from '../common/table-file';
import { validateRow } from '../common/validate-row';
import {
  ApiTokenCreated,
  ApiTokenView,
  CreateApiTokenBody,
  CreateUserBody,
  UpdateUserBody,
  UserImportResult,
  UsersQuery,
  UserView,
} from './dto/user.dto';
import { fieldInvalid } from '../common/validation-failed';
import { resolveUnit } from '../../../../libs/domain/src/table/references';

export const USER_COLUMNS: TableColumns = {
  username: { names: ['username', '用户名', '账号'], kind: 'code' },
  displayName: { names: ['display_name', '姓名'] },
  unitCode: { names: ['unit_code', '单位', '单位编码'], kind: 'code' },
  roles: { names: ['roles', '角色'] },
};

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

const snapshot = (u: User) => ({
  username: u.username,
  displayName: u.displayName,
  unitCode: u.unitCode,
  roles: u.roles,
  active: u.active,
});

function tokenView(t: ApiToken): ApiTokenView {
  return {
    id: t.id,
    name: t.name,
    createdAt: t.createdAt.toISOString(),
    expiresAt: t.expiresAt?.toISOString() ?? null,
    lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
    revokedAt: t.revokedAt?.toISOString() ?? null,
  };
}

const notFound = (id: string) =>
  new NotFoundException({ code: 'USER_NOT_FOUND', message: `用户 ${id} 不存在` });

@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** People the caller may see: everyone for cross-unit roles, else those of the caller's unit and below. */
  async list(caller: CurrentUser, query: UsersQuery): Promise<UserView[]> {
    const qb = this.dataSource
      .getRepository(User)
      .createQueryBuilder('u')
      .innerJoin(Unit, 'unit', 'unit.code = u.unit_code');
    if (!readsAcrossUnits(caller)) qb.andWhere('unit.path LIKE :own', { own: `${caller.unitPath}%` });
    if (query.within) {
      const root = await this.unit(this.dataSource.manager, query.within, 'within');
      qb.andWhere('unit.path LIKE :within', { within: `${root.path}%` });
    }
    return (await qb.orderBy('unit.path').addOrderBy('u.username').getMany()).map(userView);
  }

  /** One person, or 404 when the caller may not see them (no hint that they exist). */
  async get(caller: CurrentUser, id: string): Promise<User> {
    const user = await this.dataSource.getRepository(User).findOneBy({ id });
    if (!user) throw notFound(id);
    const unit = await this.dataSource.getRepository(Unit).findOneByOrFail({ code: user.unitCode });
    if (!canReachUnit(caller, unit.path)) throw notFound(id);
    return user;
  }

  create(caller: CurrentUser, body: CreateUserBody): Promise<UserView> {
    return this.audit.inTransaction(async (manager) =>
      userView(await this.insert(manager, caller, body, body.password)),
    );
  }

  private async insert(
    manager: EntityManager,
    caller: CurrentUser,
    body: CreateUserBody,
    password?: string,
  ): Promise<User> {
    const users = manager.getRepository(User);
    if (await users.existsBy({ username: body.username })) {
      throw new ConflictException({ code: 'USERNAME_TAKEN', message: `用户名 ${body.username} 已被使用` });
    }
    await this.unit(manager, body.unitCode, 'unitCode');
    const user = users.create({
      username: body.username,
      displayName: body.displayName,
      unitCode: body.unitCode,
      roles: body.roles,
      passwordHash: password ? await hashPassword(password) : null,
    });
    await users.insert(user);
    await this.audit.record(manager, auditActor(caller), {
      action: 'user.created',
      subject: `user:${user.id}`,
      after: snapshot(user),
    });
    return user;
  }

  update(caller: CurrentUser, id: string, body: UpdateUserBody): Promise<UserView> {
    return this.audit.inTransaction(async (manager) => {
      const users = manager.getRepository(User);
      const user = await users.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!user) throw notFound(id);
      const before = snapshot(user);
      if (body.unitCode !== undefined) await this.unit(manager, body.unitCode, 'unitCode');
      if (
        body.roles &&
        user.id === caller.id &&
        user.roles.includes('admin') &&
        !body.roles.includes('admin')
      ) {
        throw new ConflictException({ code: 'LAST_ADMIN_GUARD', message: '不能移除自己的管理员角色' });
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
  }

  setPassword(caller: CurrentUser, id: string, password: string): Promise<void> {
    return this.audit.inTransaction(async (manager) => {
      const user = await manager.getRepository(User).findOneBy({ id });
      if (!user) throw notFound(id);
      await manager.getRepository(User).update(
        { id },
        {
          passwordHash: await hashPassword(password),
          failedLogins: 0,
          lockedUntil: null,
          mustChangePassword: true,
        },
      );
      await this.audit.record(manager, auditActor(caller), {
        action: 'user.password-set',
        subject: `user:${id}`,
        reason: '管理员重置密码',
      });
    });
  }

  async changeOwnPassword(caller: CurrentUser, currentPassword: string, newPassword: string): Promise<void> {
    const stored = await this.dataSource
      .getRepository(User)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.id = :id', { id: caller.id })
      .getOneOrFail();
    if (!stored.passwordHash || !(await verifyPassword(stored.passwordHash, currentPassword))) {
      throw new UnauthorizedException({ code: 'BAD_CREDENTIALS', message: '当前密码错误' });
    }
    if (currentPassword === newPassword) {
      throw new BadRequestException({
        code: 'PASSWORD_UNCHANGED',
        message: '新密码不能与当前密码相同',
        details: [{ field: 'newPassword', problems: ['新密码不能与当前密码相同'] }],
      });
    }
    await this.audit.inTransaction(async (manager) => {
      await manager
        .getRepository(User)
        .update(
          { id: caller.id },
          { passwordHash: await hashPassword(newPassword), mustChangePassword: false },
        );
      await this.audit.record(manager, auditActor(caller), {
        action: 'user.password-changed',
        subject: `user:${caller.id}`,
      });
    });
  }

  unlock(caller: CurrentUser, id: string): Promise<UserView> {
    return this.audit.inTransaction(async (manager) => {
      const user = await manager.getRepository(User).findOneBy({ id });
      if (!user) throw notFound(id);
      await manager.getRepository(User).update({ id }, { failedLogins: 0, lockedUntil: null });
      await this.audit.record(manager, auditActor(caller), {
        action: 'user.unlocked',
        subject: `user:${id}`,
        before: { lockedUntil: user.lockedUntil?.toISOString() ?? null },
      });
      return userView({ ...user, failedLogins: 0, lockedUntil: null });
    });
  }

  async listTokens(id: string): Promise<ApiTokenView[]> {
    return (
      await this.dataSource
        .getRepository(ApiToken)
        .find({ where: { userId: id }, order: { createdAt: 'ASC' } })
    ).map(tokenView);
  }

  createToken(caller: CurrentUser, id: string, body: CreateApiTokenBody): Promise<ApiTokenCreated> {
    return this.audit.inTransaction(async (manager) => {
      if (!(await manager.getRepository(User).existsBy({ id }))) throw notFound(id);
      const expiresAt = body.expiresAt ? new Date(body.expiresAt) : null;
      if (expiresAt && expiresAt.getTime() <= Date.now()) {
        throw fieldInvalid('expiresAt', '须晚于当前时间', '过期时间必须晚于当前时间');
      }
      const token = newSecret(API_TOKEN_PREFIX);
      const row = manager.getRepository(ApiToken).create({
        userId: id,
        name: body.name,
        tokenHash: hashSecret(token),
        createdAt: new Date(),
        expiresAt,
        lastUsedAt: null,
        revokedAt: null,
      });
      await manager.getRepository(ApiToken).insert(row);
      await this.audit.record(manager, auditActor(caller), {
        action: 'api-token.created',
        subject: `user:${id}`,
        after: { tokenId: row.id, name: row.name, expiresAt: expiresAt?.toISOString() ?? null },
      });
      return { ...tokenView(row), token };
    });
  }

  revokeToken(caller: CurrentUser, id: string, tokenId: string): Promise<void> {
    return this.audit.inTransaction(async (manager) => {
      const result = await manager
        .getRepository(ApiToken)
        .update({ id: tokenId, userId: id, revokedAt: IsNull() }, { revokedAt: new Date() });
      if (!result.affected)
        throw new NotFoundException({ code: 'TOKEN_NOT_FOUND', message: '令牌不存在或已吊销' });
      await this.audit.record(manager, auditActor(caller), {
        action: 'api-token.revoked',
        subject: `user:${id}`,
        after: { tokenId },
      });
    });
  }

  /**
   * Checks every row (fields, duplicates, units) and reports every problem at once; creates all
   * users in one transaction or none, each with a generated initial password. The unit may be
   * written as its code or its name.
   */
  async import(caller: CurrentUser, table: ImportTable): Promise<UserImportResult> {
    const problems: RowProblem[] = [];
    const valid: Array<{ row: number; body: CreateUserBody }> = [];
    const seen = new Map<string, number>();
    return this.audit.inTransaction(async (manager) => {
      const units = await manager.getRepository(Unit).find({ select: { code: true, name: true } });
      const taken = new Set(
        (await manager.getRepository(User).find({ select: { username: true } })).map((u) => u.username),
      );
      for (const { row, cells } of table.rows) {
        const unit = cells.unitCode ? resolveUnit(cells.unitCode, units) : undefined;
        const { value, problems: rowProblems } = await validateRow(CreateUserBody, row, {
          ...cells,
          unitCode: unit?.ok ? unit.value.code : cells.unitCode,
        });
        if (unit && !unit.ok) {
          const fieldProblems = rowProblems.filter((p) => p.field !== 'unitCode');
          rowProblems.length = 0;
          rowProblems.push(...fieldProblems, { row, field: 'unitCode', problems: [unit.problem] });
        }
        problems.push(...rowProblems);
        const first = seen.get(value.username);
        if (first !== undefined)
          problems.push({
            row,
            field: 'username',
            problems: [`用户名 ${value.username} 与第 ${first} 行重复`],
          });
        else if (taken.has(value.username))
          problems.push({ row, field: 'username', problems: [`用户名 ${value.username} 已被使用`] });
        seen.set(value.username, row);
        if (rowProblems.length === 0) valid.push({ row, body: value });
      }
      if (problems.length > 0) throw importRejected(problems, table);
      const initialPasswords: UserImportResult['initialPasswords'] = [];
      for (const { body } of valid) {
        const password = randomBytes(12).toString('base64url');
        initialPasswords.push({ username: body.username, password });
        await this.insert(manager, caller, body, password);
      }
      return { created: valid.length, initialPasswords };
    });
  }

  private async unit(manager: EntityManager, code: string, field: string): Promise<Unit> {
    const unit = await manager.getRepository(Unit).findOneBy({ code });
    if (!unit) {
      throw new BadRequestException({
        code: 'UNIT_NOT_FOUND',
        message: `单位 ${code} 不存在`,
        details: [{ field, problems: [`单位 ${code} 不存在`] }],
      });
    }
    return unit;
  }
}
