import { Module } from '@nestjs/common';
import { ApiTokensService } from './api-tokens.service';
import { UserImportService } from './user-import.service';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

@Module({ controllers: [UsersController], providers: [UsersService, ApiTokensService, UserImportService] })
export class UsersModule {}
