import { Module } from '@nestjs/common';
import { BulletinsController } from './bulletins.controller';
import { DocumentsService } from '../documents/documents.service';
import { BulletinsService } from './bulletins.service';

@Module({ controllers: [BulletinsController], providers: [BulletinsService, DocumentsService] })
export class BulletinsModule {}
