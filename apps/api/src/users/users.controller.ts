import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  Query,
  UploadedFile,
} from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AllowedWhilePasswordChangeRequired, Caller, Roles } from '../access/access.decorators';
import { FileUpload, IMPORT_FILE_LIMIT_BYTES } from '../common/file-upload';
import type { CurrentUser } from '../access/current-user';
import { ALL_ROLES } from '../access/role-sets';
import { readTable, TABLE_FILE_ERRORS, UploadedTable } from '../common/table-file';

import {
  ApiTokenCreated,
  ApiTokenParams,
  ApiTokenView,
  ChangeOwnPasswordBody,
  CreateApiTokenBody,
  CreateUserBody,
  SetPasswordBody,
  UpdateUserBody,
  UserIdParam,
  UserImportResult,
  UsersQuery,
  UserView,
} from './dto/user.dto';
import { UsersService } from './users.service';
import { userView } from './user-views';
import { ApiTokensService } from './api-tokens.service';
import { USER_COLUMNS, UserImportService } from './user-import.service';
import { ApiErrors } from '../common/errors/api-errors.decorator';
import { CommonErrors } from '../common/errors/common.errors';
import { AuthErrors } from '../auth/auth.errors';
import { UNIT_IN_FIELD_NOT_FOUND } from '../units/units.errors';
import { UsersErrors } from './users.errors';
import { IdempotentCommand } from '../common/idempotency/idempotent-command.decorator';
import { ExpensiveRateLimit } from '../common/rate-limits/rate-limits';

@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
export class UsersController {
  constructor(
    private readonly users: UsersService,
    private readonly tokens: ApiTokensService,
    private readonly imports: UserImportService,
  ) {}

  @Get('me')
  @Roles(...ALL_ROLES)
  @ApiOkResponse({ type: UserView })
  @ApiErrors(UsersErrors.pick('USER_NOT_FOUND'))
  async me(@Caller() caller: CurrentUser): Promise<UserView> {
    return userView(await this.users.get(caller, caller.id));
  }

  @Post('me/password')
  @IdempotentCommand()
  @Roles(...ALL_ROLES)
  @AllowedWhilePasswordChangeRequired()
  @HttpCode(204)
  @ApiOperation({
    summary:
      'Change one’s own password (needs the current one, the new one must differ); clears a required change',
  })
  @ApiErrors(AuthErrors.pick('BAD_CREDENTIALS'), UsersErrors.pick('PASSWORD_UNCHANGED'))
  async changeOwnPassword(@Caller() caller: CurrentUser, @Body() body: ChangeOwnPasswordBody): Promise<void> {
    await this.users.changeOwnPassword(caller, body.currentPassword, body.newPassword);
  }

  @Get()
  @Roles(...ALL_ROLES)
  @ApiOperation({
    summary: 'People the caller may see: a department sees its own unit and the units below it',
  })
  @ApiOkResponse({ type: [UserView] })
  @ApiErrors(UNIT_IN_FIELD_NOT_FOUND)
  list(@Caller() caller: CurrentUser, @Query() query: UsersQuery): Promise<UserView[]> {
    return this.users.list(caller, query);
  }

  @Get(':id')
  @Roles(...ALL_ROLES)
  @ApiOkResponse({ type: UserView })
  @ApiErrors(UsersErrors.pick('USER_NOT_FOUND'))
  async get(@Caller() caller: CurrentUser, @Param() params: UserIdParam): Promise<UserView> {
    return userView(await this.users.get(caller, params.id));
  }

  @Post()
  @IdempotentCommand()
  @Roles('admin')
  @ApiCreatedResponse({ type: UserView })
  @ApiErrors(UsersErrors.pick('USERNAME_TAKEN'), UNIT_IN_FIELD_NOT_FOUND, CommonErrors.pick('ALREADY_EXISTS'))
  create(@Caller() caller: CurrentUser, @Body() body: CreateUserBody): Promise<UserView> {
    return this.users.create(caller, body);
  }

  @Patch(':id')
  @IdempotentCommand()
  @Roles('admin')
  @ApiOkResponse({ type: UserView })
  @ApiErrors(UsersErrors.pick('USER_NOT_FOUND', 'LAST_ADMIN_GUARD'), UNIT_IN_FIELD_NOT_FOUND)
  update(
    @Caller() caller: CurrentUser,
    @Param() params: UserIdParam,
    @Body() body: UpdateUserBody,
  ): Promise<UserView> {
    return this.users.update(caller, params.id, body);
  }

  @Post(':id/password')
  @IdempotentCommand()
  @Roles('admin')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Set a person’s password (and lift a lock); they must choose a new one at their next sign-in',
  })
  @ApiErrors(UsersErrors.pick('USER_NOT_FOUND'))
  async setPassword(
    @Caller() caller: CurrentUser,
    @Param() params: UserIdParam,
    @Body() body: SetPasswordBody,
  ): Promise<void> {
    await this.users.setPassword(caller, params.id, body.password);
  }

  @Post(':id/unlock')
  @IdempotentCommand()
  @Roles('admin')
  @HttpCode(200)
  @ApiOkResponse({ type: UserView })
  @ApiErrors(UsersErrors.pick('USER_NOT_FOUND'))
  unlock(@Caller() caller: CurrentUser, @Param() params: UserIdParam): Promise<UserView> {
    return this.users.unlock(caller, params.id);
  }

  @Get(':id/api-tokens')
  @Roles('admin')
  @ApiOkResponse({ type: [ApiTokenView] })
  @ApiErrors()
  listTokens(@Param() params: UserIdParam): Promise<ApiTokenView[]> {
    return this.tokens.list(params.id);
  }

  @Post(':id/api-tokens')
  @IdempotentCommand({ storeAnswer: false })
  @Roles('admin')
  @ApiOperation({
    summary: 'Issue an API token acting as this user (for machine clients); the token is shown once',
  })
  @ApiCreatedResponse({ type: ApiTokenCreated })
  @ApiErrors(UsersErrors.pick('USER_NOT_FOUND'))
  createToken(
    @Caller() caller: CurrentUser,
    @Param() params: UserIdParam,
    @Body() body: CreateApiTokenBody,
  ): Promise<ApiTokenCreated> {
    return this.tokens.create(caller, params.id, body);
  }

  @Delete(':id/api-tokens/:tokenId')
  @IdempotentCommand()
  @Roles('admin')
  @HttpCode(204)
  @ApiErrors(UsersErrors.pick('TOKEN_NOT_FOUND'))
  async revokeToken(@Caller() caller: CurrentUser, @Param() params: ApiTokenParams): Promise<void> {
    await this.tokens.revoke(caller, params.id, params.tokenId);
  }

  @Post('import')
  @ExpensiveRateLimit()
  @IdempotentCommand()
  @Roles('admin')
  @FileUpload(IMPORT_FILE_LIMIT_BYTES, TABLE_FILE_ERRORS)
  @ApiOperation({
    summary: 'Import people from XLSX or CSV (columns 用户名, 姓名, 单位编码, 角色); all rows or none',
  })
  @ApiCreatedResponse({ type: UserImportResult })
  @ApiErrors(UsersErrors.pick('USERNAME_TAKEN'), CommonErrors.pick('ALREADY_EXISTS'))
  async import(
    @Caller() caller: CurrentUser,
    @UploadedFile() file: UploadedTable | undefined,
  ): Promise<UserImportResult> {
    return this.imports.import(caller, await readTable(file, USER_COLUMNS));
  }
}
