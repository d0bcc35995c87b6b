import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { MIGRATIONS } from './index';
import LANDED from './migration-hashes.json';

/**
 * A migration that has landed is never edited: a database that already ran it would never see the
 * change. Every migration file's SHA-256 is committed in migration-hashes.json; change the schema
 * with a new migration instead.
 */
const folder = __dirname;
const migrationFiles = fs
  .readdirSync(folder)
  .filter((file) => /^\d{13}-.+\.ts$/.test(file) && !file.endsWith('.spec.ts'))
  .sort();
const sha256 = (file: string) =>
  createHash('sha256')
    .update(fs.readFileSync(path.join(folder, file)))
    .digest('hex');
const landed = LANDED as Record<string, string>;

describe('landed migrations', () => {
  it.each(Object.keys(landed))('%s is unchanged since it landed, and still there', (file) => {
    if (!fs.existsSync(path.join(folder, file)))
      throw new Error(`${file} landed and was removed: restore it (a landed migration is never removed)`);
    if (sha256(file) !== landed[file])
      throw new Error(
        `${file} landed and was edited: restore its landed content and put the change in a NEW migration ` +
          `(named with a timestamp after the newest, registered in index.ts)`,
      );
  });

  it('every migration file is listed in migration-hashes.json', () => {
    const unlisted = migrationFiles.filter((file) => landed[file] === undefined);
    if (unlisted.length > 0)
      throw new Error(
        `new migration(s) not in libs/database/src/migrations/migration-hashes.json; add:\n` +
          unlisted.map((file) => `  "${file}": "${sha256(file)}"`).join(',\n'),
      );
  });

  it('every migration file is registered in index.ts, oldest first, with a timestamp its name matches', () => {
    const names = MIGRATIONS.map((migration) => migration.name);
    const stamps = migrationFiles.map((file) => file.slice(0, 13));
    expect(names.map((name) => name.slice(-13))).toEqual(stamps);
  });
});
