import { Injectable } from '@nestjs/common';
import { ApiTokenQueries } from '../../../../libs/database/src/identity/api-token.queries';
import { UserQueries } from '../../../../libs/database/src/identity/user.queries';
import { auditActor, CurrentUser } from '../access/current-user';
import { AuditService } from '../audit/audit.service';
import { AccessCache } from '../auth/access-cache';
import { API_TOKEN_PREFIX, hashSecret, newSecret } from '../auth/secrets';
import { fieldInvalid } from '../common/validation-failed';
import { ApiTokenCreated, ApiTokenView, CreateApiTokenBody } from './dto/user.dto';
import { tokenView } from './user-views';
import { UsersErrors } from './users.errors';
import { UsersService } from './users.service';

/** A person's API tokens (machine clients acting as them): listing, issuing, revoking. */
@Injectable()
export class ApiTokensService {
  constructor(
    private readonly audit: AuditService,
    private readonly tokens: ApiTokenQueries,
    private readonly people: UsersService,
    private readonly access: AccessCache,
  ) {}

  async list(id: string): Promise<ApiTokenView[]> {
    return (await this.tokens.ofUser(id)).map(tokenView);
  }

  /** Issues a token; the secret is in this answer only (stored as its hash). */
  create(caller: CurrentUser, id: string, body: CreateApiTokenBody): Promise<ApiTokenCreated> {
    return this.audit.inTransaction(async (manager) => {
      await this.people.assertExists(new UserQueries(manager), id);
      const expiresAt = body.expiresAt ? new Date(body.expiresAt) : null;
      if (expiresAt && expiresAt.getTime() <= Date.now()) {
        throw fieldInvalid('expiresAt', '须晚于当前时间', '过期时间必须晚于当前时间');
      }
      const token = newSecret(API_TOKEN_PREFIX);
      const row = await new ApiTokenQueries(manager).insert({
        userId: id,
        name: body.name,
        tokenHash: hashSecret(token),
        expiresAt,
      });
      await this.audit.record(manager, auditActor(caller), {
        action: 'api-token.created',
        subject: `user:${id}`,
        after: { tokenId: row.id, name: row.name, expiresAt: expiresAt?.toISOString() ?? null },
      });
      return { ...tokenView(row), token };
    });
  }

  /** Revokes a token; once committed this process's access cache forgets its person. */
  async revoke(caller: CurrentUser, id: string, tokenId: string): Promise<void> {
    await this.audit.inTransaction(async (manager) => {
      if (!(await new ApiTokenQueries(manager).revoke(id, tokenId)))
        throw UsersErrors.error('TOKEN_NOT_FOUND');
      await this.audit.record(manager, auditActor(caller), {
        action: 'api-token.revoked',
        subject: `user:${id}`,
        after: { tokenId },
      });
    });
    this.access.forgetUser(id);
  }
}
