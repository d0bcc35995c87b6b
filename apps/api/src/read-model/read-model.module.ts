import { Global, Module, Provider } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { QUERY_CLASSES } from '../../../../libs/database/src/query-classes';

const providers: Provider[] = QUERY_CLASSES.map((queries) => ({
  provide: queries,
  useFactory: (dataSource: DataSource) => new queries(dataSource.manager),
  inject: [getDataSourceToken()],
}));

/** The query classes of every area, each on the application's data source, injectable anywhere. */
@Global()
@Module({ providers, exports: providers })
export class ReadModelModule {}
