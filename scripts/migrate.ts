/** Applies pending migrations to DATABASE_URL (the API also does this at start unless DB_MIGRATE_ON_START=false). */
import { loadEnvironment } from '../libs/config/src/environment';
import { requireSetting } from '../libs/config/src/require-setting';
import { runMigrations } from '../libs/database/src/migrate';

runMigrations(requireSetting(loadEnvironment(), 'DATABASE_URL'))
  .then((ran) => console.log(ran.length ? `applied: ${ran.join(', ')}` : 'database schema is up to date'))
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
