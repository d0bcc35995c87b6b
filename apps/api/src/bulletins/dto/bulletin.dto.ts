import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import {
  BULLETIN_TRIGGERS,
  type BulletinPayload,
  type BulletinTrigger,
} from '../../../../../libs/domain/src/rectification/bulletin';

export class LedgerBulletinsParam {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  ledgerId!: string;
}

export class BulletinIdParam {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  id!: string;
}

export class BulletinSummaryView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 3, description: '第 n 期' }) number!: number;
  @ApiProperty({ example: '2026-11-30T01:00:00.000Z', description: 'the instant the bulletin reports on' })
  asOf!: string;
  @ApiProperty({ enum: BULLETIN_TRIGGERS }) trigger!: BulletinTrigger;
}

export class PublishedBulletinView extends BulletinSummaryView {
  @ApiProperty({ format: 'uuid' }) ledgerId!: string;
  @ApiProperty({ description: 'false when a bulletin for this instant existed and was returned as is' })
  created!: boolean;
  @ApiProperty({ example: '/api/bulletins/0b8f…' }) location!: string;
}

export class BulletinView extends BulletinSummaryView {
  @ApiProperty({ format: 'uuid' }) ledgerId!: string;
  @ApiProperty() publishedAt!: string;
  @ApiProperty({
    type: Object,
    description:
      'the frozen bulletin: ledger, summary, totals, units (ranked), overdueItems, criticised (see libs/domain bulletin.ts)',
  })
  payload!: BulletinPayload;
}
