import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options';

/** For the TypeORM CLI: `npx typeorm -d dist/libs/database/src/data-source.js migration:show`. */
if (!process.env.DATABASE_URL) throw new Error('DATABASE_URL must be set to use the TypeORM CLI');
export default new DataSource(dataSourceOptions(process.env.DATABASE_URL));
