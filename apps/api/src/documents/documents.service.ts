import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Environment } from '../../../../libs/config/src/environment';
import {
  type DocumentSettings,
  issuingOffice,
  type IssuingOffice,
  officeName,
} from '../../../../libs/database/src/documents/document-numbers';

/** The county's document settings for the API: the issuing office (ISSUING_UNIT_CODE). */
@Injectable()
export class DocumentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly env: Environment,
  ) {}

  get settings(): DocumentSettings {
    return { issuingUnitCode: this.env.ISSUING_UNIT_CODE };
  }

  /** The office documents are issued in the name of now (for documents drawn on demand). */
  issuingOffice(): Promise<IssuingOffice> {
    return issuingOffice(this.dataSource.manager, this.env.ISSUING_UNIT_CODE);
  }

  /** The name of the office a stored document names by code ('' the default office). */
  officeName(code: string | null): Promise<string> {
    return officeName(this.dataSource.manager, code);
  }
}
