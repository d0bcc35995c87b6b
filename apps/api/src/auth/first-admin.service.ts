import { randomBytes } from 'node:crypto';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Environment, EnvironmentError } from '../../../../libs/config/src/environment';
import { UserQueries } from '../../../../libs/database/src/identity/user.queries';
import { UnitQueries } from '../../../../libs/database/src/organisation/unit.queries';
import { unitPath } from '../../../../libs/domain/src/organisation/unit-tree';
import { SYSTEM_ACTOR } from '../access/current-user';
import { AuditService } from '../audit/audit.service';
import { hashPassword } from './passwords';

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
      const users = new UserQueries(manager);
      await users.lockFirstAdminCreation();
      if (await users.anyAdmin()) return false;
      if (generated && process.env.NODE_ENV === 'production')
        throw new EnvironmentError(
          'Invalid configuration:\n  ADMIN_PASSWORD is required to create the first admin ' +
            '(in production a generated password would be printed into the logs)',
        );
      const units = new UnitQueries(manager);
      if (!(await units.exists(SYSTEM_UNIT.code))) {
        await units.insert({ ...SYSTEM_UNIT, parentCode: null, path: unitPath(null, SYSTEM_UNIT.code) });
        await this.audit.record(manager, SYSTEM_ACTOR, {
          action: 'unit.created',
          subject: `unit:${SYSTEM_UNIT.code}`,
          after: SYSTEM_UNIT,
        });
      }
      const user = await users.insert({
        username: this.env.ADMIN_USERNAME,
        displayName: '系统管理员',
        unitCode: SYSTEM_UNIT.code,
        roles: ['admin'],
        passwordHash: await hashPassword(this.env.ADMIN_PASSWORD ?? generated!),
      });
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
