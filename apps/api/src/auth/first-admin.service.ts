import { randomBytes } from 'node:crypto';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Environment, EnvironmentError } from '../../../../libs/config/src/environment';
import { User } from '../../../../libs/database/src/identity/user.entity';
import { Unit } from '../../../../libs/database/src/organisation/unit.entity';
import { unitPath } from '../../../../libs/domain/src/organisation/unit-tree';
import { SYSTEM_ACTOR } from '../access/current-user';
import { AuditService } from '../audit/audit.service';
import { hashPassword } from './passwords';

const FIRST_ADMIN_LOCK = 727_003;
export const SYSTEM_UNIT = { code: 'system', name: '系统管理', kind: 'other' as const };

/**
 * On a database with no admin, creates the first one: ADMIN_USERNAME with ADMIN_PASSWORD, or with a
 * random password printed once on standard output. No default password ships. In production
 * (NODE_ENV=production, as in the image) a password is never printed: without ADMIN_PASSWORD the
 * API refuses to start on a database that has no admin.
 */
@Injectable()
export class FirstAdminService implements OnApplicationBootstrap {
  private readonly logger = new Logger(FirstAdminService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly env: Environment,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const generated = this.env.ADMIN_PASSWORD ? undefined : randomBytes(12).toString('base64url');
    const created = await this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [FIRST_ADMIN_LOCK]);
      const admins = await manager.query<unknown[]>(
        `SELECT 1 FROM app_user WHERE 'admin' = ANY(roles) LIMIT 1`,
      );
      if (admins.length > 0) return false;
      if (generated && process.env.NODE_ENV === 'production')
        throw new EnvironmentError(
          'Invalid configuration:\n  ADMIN_PASSWORD is required to create the first admin ' +
            '(in production a generated password would be printed into the logs)',
        );
      const units = manager.getRepository(Unit);
      if (!(await units.existsBy({ code: SYSTEM_UNIT.code }))) {
        await units.insert({ ...SYSTEM_UNIT, parentCode: null, path: unitPath(null, SYSTEM_UNIT.code) });
        await this.audit.record(manager, SYSTEM_ACTOR, {
          action: 'unit.created',
          subject: `unit:${SYSTEM_UNIT.code}`,
          after: SYSTEM_UNIT,
        });
      }
      const user = manager.getRepository(User).create({
        username: this.env.ADMIN_USERNAME,
        displayName: '系统管理员',
        unitCode: SYSTEM_UNIT.code,
        roles: ['admin'],
        passwordHash: await hashPassword(this.env.ADMIN_PASSWORD ?? generated!),
      });
      await manager.getRepository(User).insert(user);
      await this.audit.record(manager, SYSTEM_ACTOR, {
        action: 'user.created',
        subject: `user:${user.id}`,
        after: { username: user.username, unitCode: user.unitCode, roles: user.roles },
        reason: '首次启动创建管理员',
      });
      return true;
    });
    if (!created) return;
    this.logger.warn(`created the first admin "${this.env.ADMIN_USERNAME}"`);
    if (generated) {
      process.stdout.write(
        `\n  First admin: ${this.env.ADMIN_USERNAME} / ${generated}\n  (printed once; set ADMIN_PASSWORD to choose it, change it after signing in)\n\n`,
      );
    }
  }
}
