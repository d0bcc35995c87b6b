import { HttpException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Environment } from '../../../../libs/config/src/environment';
import { User } from '../../../../libs/database/src/identity/user.entity';
import { UserQueries } from '../../../../libs/database/src/identity/user.queries';
import { formatCst } from '../../../../libs/domain/src/time/china-time';
import { AuditService } from '../audit/audit.service';
import { SYSTEM_ACTOR } from '../access/current-user';
import type { SessionView } from './dto/auth.dto';
import { AccessCache } from './access-cache';
import { DUMMY_HASH, verifyPassword } from './passwords';
import { SessionsService } from './sessions.service';
import { AuthErrors } from './auth.errors';

const badCredentials = () => AuthErrors.error('BAD_CREDENTIALS');

@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sessions: SessionsService,
    private readonly audit: AuditService,
    private readonly env: Environment,
    private readonly users: UserQueries,
    private readonly access: AccessCache,
  ) {}

  /**
   * Checks a password. After LOGIN_MAX_FAILURES wrong ones in a row the account is locked for
   * LOGIN_LOCK_MINUTES; while locked even the right password is refused (423).
   */
  async login(username: string, password: string): Promise<SessionView> {
    const user = await this.users.withPasswordByUsername(username);
    if (!user || !user.passwordHash || !user.active) {
      await verifyPassword(DUMMY_HASH, password);
      throw badCredentials();
    }
    if (user.lockedUntil && user.lockedUntil.getTime() > Date.now()) throw locked(user.lockedUntil);
    if (!(await verifyPassword(user.passwordHash, password))) {
      await this.recordFailure(user);
      throw badCredentials();
    }
    return this.dataSource.transaction(async (manager) => {
      await new UserQueries(manager).clearSignInFailures(user.id);
      const session = await this.sessions.open(manager, user.id);
      return { ...session, mustChangePassword: user.mustChangePassword };
    });
  }

  /**
   * A new session for a refresh token; the refusal of a reused token commits the closing of all
   * sessions, and this process's access cache forgets the person at once (the others on its notification).
   */
  async refresh(refreshToken: string): Promise<SessionView> {
    let closed: string | undefined;
    const session = await this.dataSource.transaction(async (manager) => {
      const spent = await this.sessions.spend(manager, refreshToken);
      if (spent.outcome === 'reused') closed = spent.userId;
      if (spent.outcome !== 'spent') return undefined;
      const user = await new UserQueries(manager).byId(spent.userId);
      if (!user?.active) return undefined;
      const opened = await this.sessions.open(manager, spent.userId, spent.sessionId);
      return { ...opened, mustChangePassword: user.mustChangePassword };
    });
    if (closed) this.access.forgetUser(closed);
    if (!session) throw AuthErrors.error('REFRESH_TOKEN_INVALID');
    return session;
  }

  /** Ends the session of a refresh token; this process's access cache forgets the person once committed. */
  async logout(refreshToken: string): Promise<void> {
    const spent = await this.dataSource.transaction((manager) => this.sessions.spend(manager, refreshToken));
    if (spent.outcome !== 'invalid') this.access.forgetUser(spent.userId);
  }

  private async recordFailure(user: User): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const users = new UserQueries(manager);
      const failures = await users.countFailedSignIn(user.id);
      if (failures < this.env.LOGIN_MAX_FAILURES) return;
      const lockedUntil = new Date(Date.now() + this.env.LOGIN_LOCK_MINUTES * 60_000);
      await users.lockSignIn(user.id, lockedUntil);
      await this.audit.record(manager, SYSTEM_ACTOR, {
        action: 'user.locked',
        subject: `user:${user.id}`,
        after: { lockedUntil: lockedUntil.toISOString(), failedLogins: failures },
        reason: `连续 ${failures} 次密码错误`,
      });
    });
  }
}

function locked(until: Date): HttpException {
  return AuthErrors.error('ACCOUNT_LOCKED', `账户已锁定，请于 ${formatCst(until)} 后重试`, {
    lockedUntil: until.toISOString(),
  });
}
