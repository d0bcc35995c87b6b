/**
 * `npm run cluster`: the project on the real Temporal server, as production runs it, proven end to
 * end (not part of `npm test`: the first run builds the server for minutes).
 *
 * 1. builds (or reuses, under .tools/temporal-server/<version>/) the Temporal server and its SQL tool
 *    at the version docker-compose.yml pins, from the Go module proxy;
 * 2. starts an embedded Postgres with the compose file's roles (deploy/postgres/init/roles.psql) and,
 *    as the login `temporal`, creates the `temporal` and `temporal_visibility` databases and their
 *    schemas with the SQL tool (the schema files ship in the Go module source);
 * 3. starts the four Temporal services (frontend, history, matching, worker) as separate processes
 *    on Postgres persistence and SQL visibility, a few history shards, internal ports below 32768;
 * 4. registers the namespace and the search attributes with deploy/temporal/setup.sh, as compose does;
 * 5. runs `npm run migrate` as the schema owner, then two workers and two APIs as the login that is
 *    only a member of campaign_app;
 * 6. drives a workload through both APIs alternately: a rectification ledger with progress reports,
 *    a housing programme whose households go through every stage to payment and move-in by bulk
 *    steps, the example campaign (examples/campaigns) launched with progress reports;
 * 7. SIGKILLs one worker mid-work and does not restart it;
 * 8. checks: nothing lost (read model = workflow state, every acknowledged command applied once),
 *    both workers did work, both APIs read the same, one API's change feed sees commands sent to
 *    the other, each subsidy paid once, the audit chain intact. Prints its figures; exits 1 on any
 *    failure. Everything it started and its temporary folder go at the end, also on failure or Ctrl-C
 *    (KEEP_CLUSTER_DATA=1 keeps the folder with the logs).
 */
import { carefulClient, Household } from '../bench/careful-client';
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { Client as PgClient, escapeIdentifier, escapeLiteral, Pool } from 'pg';
import { parse as parseYaml } from 'yaml';
import { Acknowledged, acknowledgedAppliedOnce, paidExactlyOnce, recountReadModel } from '../bench/recount';
import { appliedByTimeline, bulkDrive, walkToMoveIn } from '../bench/household-walk';
import { RunningPostgres, startEmbeddedPostgres } from '../libs/devstack/src/embedded-postgres';
import { freePort, waitFor } from '../libs/devstack/src/free-port';
import { PROJECT_ROOT } from '../libs/devstack/src/project-paths';
import { ensureTemporalCli } from '../libs/devstack/src/temporal-binaries';
import { stopChild } from '../libs/devstack/src/temporal-dev-server';
import {
  registerNamespace,
  setUpTemporalSchemas,
  startTemporalCluster,
  TEMPORAL_SERVICES,
} from '../libs/devstack/src/temporal-cluster';
import { ensureTemporalServer, TEMPORAL_SERVER_VERSION } from '../libs/devstack/src/temporal-server-build';
import { workerProcessEnv } from '../libs/devstack/src/worker-process-env';
import { bundleWorkflows } from '../libs/temporal/src/workflow-bundle';

const HOUSEHOLDS = Number(process.env.CLUSTER_HOUSEHOLDS ?? 200);
const ITEMS = 10;
const HISTORY_SHARDS = 4;
const NAMESPACE = 'campaign-engine';
const TASK_QUEUE = 'campaign-engine';
const BULK_SIZE = 100;
const FEED_SAMPLES = 10;
const ADMIN_PASSWORD = `cluster-${randomBytes(8).toString('hex')}`;
const PASSWORD = 'cluster-password-1';
const DAY = 86_400_000;

const started = Date.now();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const log = (message: string) =>
  console.log(`[cluster ${new Date().toISOString().slice(11, 19)}] ${message}`);

// ---------------------------------------------------------------------------------------------
// Processes and cleanup: everything started is stopped at the end, on failure and on Ctrl-C.

interface Child {
  name: string;
  child: ChildProcess;
  exited: Promise<unknown>;
}
const children: Child[] = [];
const cleanups: Array<() => Promise<void>> = [];
let workDir = '';

function startProcess(name: string, command: string, args: string[], env: NodeJS.ProcessEnv): Child {
  const out = fs.openSync(path.join(workDir, 'logs', `${name}.log`), 'a');
  const child = spawn(command, args, { env, stdio: ['ignore', out, out] });
  fs.closeSync(out);
  const entry = { name, child, exited: new Promise((resolve) => child.once('exit', resolve)) };
  children.push(entry);
  return entry;
}

let cleaning: Promise<void> | undefined;
function cleanUp(keep: boolean): Promise<void> {
  cleaning ??= (async () => {
    for (const { child, exited } of [...children].reverse())
      await stopChild(child, exited, 20_000).catch(() => undefined);
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
    if (!workDir) return;
    if (keep) log(`data and logs kept in ${workDir}`);
    else fs.rmSync(workDir, { recursive: true, force: true });
  })();
  return cleaning;
}

for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => {
    log(`${signal}: stopping everything …`);
    void cleanUp(process.env.KEEP_CLUSTER_DATA === '1').finally(() => process.exit(130));
  });

// ---------------------------------------------------------------------------------------------
// Postgres with the compose file's roles, and Temporal's databases made by the SQL tool.

interface Roles {
  superuserUrl: string;
  ownerUrl: string;
  appUrl: string;
  temporal: { user: string; password: string };
}

/** deploy/postgres/init/roles.psql with its psql variables replaced as psql does, run as the superuser. */
async function createRoles(pg: RunningPostgres): Promise<Roles> {
  const vars: Record<string, string> = {
    owner_role: 'campaign_owner',
    app_login: 'campaign_api',
    temporal_role: 'temporal',
    database: 'campaign_engine',
    owner_password: randomBytes(12).toString('hex'),
    app_password: randomBytes(12).toString('hex'),
    temporal_password: randomBytes(12).toString('hex'),
  };
  const text = fs
    .readFileSync(path.join(PROJECT_ROOT, 'deploy/postgres/init/roles.psql'), 'utf8')
    .split('\n')
    .filter((line) => !line.startsWith('--') && !line.startsWith('\\'))
    .join('\n')
    .replace(/:"(\w+)"/g, (_, name: string) => escapeIdentifier(vars[name]))
    .replace(/:'(\w+)'/g, (_, name: string) => escapeLiteral(vars[name]));
  const db = new PgClient({ connectionString: pg.url });
  await db.connect();
  try {
    for (const statement of text.split(/;\s*\n/).map((s) => s.trim()))
      if (statement) await db.query(statement);
  } finally {
    await db.end();
  }
  const urlAs = (user: string, password: string, database: string) => {
    const url = new URL(pg.url);
    url.username = user;
    url.password = password;
    url.pathname = `/${database}`;
    return url.toString();
  };
  return {
    superuserUrl: urlAs('postgres', new URL(pg.url).password, vars.database),
    ownerUrl: urlAs(vars.owner_role, vars.owner_password, vars.database),
    appUrl: urlAs(vars.app_login, vars.app_password, vars.database),
    temporal: { user: vars.temporal_role, password: vars.temporal_password },
  };
}

// ---------------------------------------------------------------------------------------------
// HTTP against the two APIs: every command carries an Idempotency-Key and is resent with it while
// the answer is a 5xx, a 429 or none (as a careful client does); 4xx refusals are returned.

let apis: string[] = [];
let turn = 0;
/** Which API the next request goes to: the two alternately. */
const nextApi = () => apis[turn++ % apis.length];

const { request, command: sendCommand } = carefulClient({ apiFor: nextApi });
/** A command to the next API, or to `api`. */
const command = <T>(method: string, route: string, token: string, body?: unknown, api?: string) =>
  sendCommand<T>(method, route, token, body, { api });

async function must<T>(method: string, route: string, token: string, body?: unknown): Promise<T> {
  const result = await command<T>(method, route, token, body);
  if (!result.ok) throw new Error(`${method} ${route}: ${result.status} ${result.body}`);
  return result.body;
}

const signIn = async (username: string, password = PASSWORD) =>
  (await request<{ accessToken: string }>('POST', '/auth/login', undefined, { username, password }))
    .accessToken;

// ---------------------------------------------------------------------------------------------
// The application: migrate as the owner, two workers and two APIs as campaign_api.

interface App {
  apis: string[];
  workers: Child[];
}

async function startApplication(roles: Roles, temporalAddress: string): Promise<App> {
  log('npm run migrate as the schema owner …');
  execFileSync(process.execPath, [path.join(PROJECT_ROOT, 'dist/scripts/migrate.js')], {
    env: { ...process.env, DATABASE_URL: roles.ownerUrl },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  // the bundle scripts/bootstrap.mjs prebuilt, else one made here
  let bundle = path.join(PROJECT_ROOT, 'dist', 'workflow-bundle.js');
  if (!fs.existsSync(bundle)) {
    bundle = path.join(workDir, 'workflow-bundle.js');
    fs.writeFileSync(bundle, (await bundleWorkflows()).code);
  }
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: roles.appUrl,
    DB_MIGRATE_ON_START: 'false',
    TEMPORAL_ADDRESS: temporalAddress,
    TEMPORAL_NAMESPACE: NAMESPACE,
    TEMPORAL_TASK_QUEUE: TASK_QUEUE,
    WORKFLOW_BUNDLE_PATH: bundle,
    JWT_SECRET: randomBytes(32).toString('hex'),
    ADMIN_PASSWORD,
    LOG_LEVEL: 'warn',
    LOGIN_RATE_LIMIT_PER_MINUTE: '10000',
    LOGIN_RATE_LIMIT_PER_ADDRESS_PER_MINUTE: '10000',
    EXPENSIVE_RATE_LIMIT_PER_MINUTE: '10000',
    ACCESS_TOKEN_TTL_SECONDS: '86400',
    PAYMENT_GATEWAY: 'simulated',
    RECONCILE_INTERVAL_SECONDS: '15',
  };
  for (const name of [
    'TEMPORAL_TLS_CA',
    'TEMPORAL_TLS_CERT',
    'TEMPORAL_TLS_KEY',
    'TEMPORAL_API_KEY',
    'OTEL_EXPORTER_OTLP_ENDPOINT',
  ])
    delete env[name];
  const node = (entry: string) => ['--enable-source-maps', path.join(PROJECT_ROOT, 'dist', entry)];
  const urls: string[] = [];
  const apiProcesses: Child[] = [];
  // one after the other: the first creates the admin, the second finds it
  for (const n of [1, 2]) {
    const port = await freePort();
    const api = startProcess(`api-${n}`, process.execPath, node('apps/api/src/main.js'), {
      ...env,
      PORT: String(port),
    });
    apiProcesses.push(api);
    urls.push(`http://127.0.0.1:${port}/api`);
    await waitFor(`API ${n}`, () => answers(`${urls[n - 1]}/health`, api), 180_000);
  }
  const workers = [1, 2].map((n) =>
    startProcess(`worker-${n}`, process.execPath, node('apps/worker/src/main.js'), workerProcessEnv(env)),
  );
  await waitFor('both workers polling', () => pollers(temporalAddress, workers), 180_000);
  for (const [n, api] of apiProcesses.entries())
    await waitFor(`API ${n + 1} ready`, () => answers(`${urls[n]}/ready`, api), 180_000);
  return { apis: urls, workers };
}

async function answers(url: string, api: Child): Promise<boolean> {
  if (api.child.exitCode !== null)
    throw new Error(`${api.name} exited (${api.child.exitCode}); see ${workDir}/logs/${api.name}.log`);
  try {
    return (await fetch(url)).ok;
  } catch {
    return false;
  }
}

const identityOf = (worker: Child) => `${worker.child.pid}@${os.hostname()}`;

async function pollers(address: string, workers: Child[]): Promise<boolean> {
  for (const w of workers)
    if (w.child.exitCode !== null)
      throw new Error(`${w.name} exited (${w.child.exitCode}); see ${workDir}/logs/${w.name}.log`);
  const connection = await Connection.connect({ address });
  try {
    const { pollers } = await connection.workflowService.describeTaskQueue({
      namespace: NAMESPACE,
      taskQueue: { name: TASK_QUEUE },
    });
    const identities = new Set(pollers.map((p) => p.identity));
    return workers.every((w) => identities.has(identityOf(w)));
  } finally {
    await connection.close();
  }
}

// ---------------------------------------------------------------------------------------------

/** Acknowledged commands: the note each carried and the object it was for. */
const acknowledged: Acknowledged[] = [];
let noteSeq = 0;
const nextNote = () => `cluster-${++noteSeq}-${randomUUID().slice(0, 8)}`;
/** Households a bulk step answered not ok for, by code (sent again), and those that took it late. */
const notAcknowledged = new Map<string, number>();
let lateApplied = 0;

const figures: Array<[string, string]> = [];
const problems: string[] = [];
const check = (ok: boolean, problem: string) => {
  if (!ok) problems.push(problem);
};

/**
 * The example campaign moved into the present: its window (2018-06-20 to 2018-09-30) becomes today to
 * the end of this year (launch refuses an ended window, and the working-day calendar knows whole
 * years), every date in it moved in proportion (as the README's walk-through does by hand).
 */
function exampleCampaign(): Record<string, unknown> {
  const plan = parseYaml(
    fs.readFileSync(path.join(PROJECT_ROOT, 'examples/campaigns/bairi-2018.yaml'), 'utf8'),
  ) as Record<string, unknown> & { window: { start: string; end: string } };
  const day = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY;
  const [from, to] = [day(plan.window.start), day(plan.window.end)];
  const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  const [start, end] = [day(today), day(`${today.slice(0, 4)}-12-31`)];
  const move = (date: string) =>
    new Date(Math.round(start + ((day(date) - from) / (to - from)) * (end - start)) * DAY)
      .toISOString()
      .slice(0, 10);
  const shift = (value: unknown): unknown => {
    if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return move(value);
    if (Array.isArray(value)) return value.map(shift);
    if (value && typeof value === 'object')
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shift(v)]));
    return value;
  };
  return shift(plan) as Record<string, unknown>;
}

async function main(): Promise<void> {
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'campaign-cluster-'));
  fs.chmodSync(workDir, 0o755);
  fs.mkdirSync(path.join(workDir, 'logs'));

  // 1. the binaries
  let t = Date.now();
  const binaries = ensureTemporalServer((m) => log(m));
  const cli = ensureTemporalCli((m) => log(m));
  figures.push([
    `Temporal server and SQL tool v${binaries.version} (built or cached)`,
    seconds(Date.now() - t),
  ]);

  // 2. Postgres, the roles, Temporal's schemas
  t = Date.now();
  const pgPort = await freePort();
  const pg = await startEmbeddedPostgres({
    dataDir: path.join(workDir, 'postgres'),
    port: pgPort,
    database: 'postgres',
    throwaway: true,
  });
  cleanups.push(() => pg.stop());
  const roles = await createRoles(pg);
  setUpTemporalSchemas(binaries.sqlTool, pgPort, roles.temporal);
  figures.push([
    'Postgres, roles, Temporal schemas (temporal, temporal_visibility)',
    seconds(Date.now() - t),
  ]);

  // 3. the cluster
  t = Date.now();
  log(`starting the Temporal services ${TEMPORAL_SERVICES.join(', ')} (${HISTORY_SHARDS} history shards) …`);
  const temporalCluster = await startTemporalCluster({
    binaries,
    postgresPort: pgPort,
    login: roles.temporal,
    dir: workDir,
    historyShards: HISTORY_SHARDS,
  });
  cleanups.push(() => temporalCluster.stop());
  const temporalAddress = temporalCluster.address;
  figures.push(['four Temporal services up, frontend serving', seconds(Date.now() - t)]);

  // 4. the namespace and search attributes, by compose's own setup step
  t = Date.now();
  log('deploy/temporal/setup.sh …');
  registerNamespace(cli, temporalAddress, NAMESPACE);
  figures.push(['namespace and search attributes registered (setup.sh)', seconds(Date.now() - t)]);

  // 5. the application
  t = Date.now();
  const app = await startApplication(roles, temporalAddress);
  apis = app.apis;
  figures.push(['migrate, two APIs and two workers up', seconds(Date.now() - t)]);
  log(`two APIs (${apis.join(', ')}), two workers (${app.workers.map(identityOf).join(', ')})`);

  const connection = await Connection.connect({ address: temporalAddress });
  cleanups.push(() => connection.close());
  const temporal = new Client({ connection, namespace: NAMESPACE });

  // 6. the workload
  t = Date.now();
  const admin = await signIn('admin', ADMIN_PASSWORD);
  const units = new FormData();
  units.append(
    'file',
    new Blob([fs.readFileSync(path.join(PROJECT_ROOT, 'examples/campaigns/units.csv'))]),
    'units.csv',
  );
  await must('POST', '/units/import', admin, units);
  const person = async (username: string, unitCode: string, roles: string[]) => {
    const { id } = await must<{ id: string }>('POST', '/users', admin, {
      username,
      displayName: username,
      unitCode,
      roles,
      password: PASSWORD,
    });
    return { id, token: await signIn(username) };
  };
  const auth = new Map<string, string>();
  for (const unit of ['cgz', 'xhz', 'cgz-dp', 'xhz-sk', 'zjj', 'wjj', 'jyj', 'nyj', 'jrb'])
    auth.set(unit, (await person(`dept-${unit}`, unit, ['department'])).token);
  const owners = [
    { unit: 'wjj', ...(await person('officer-wjj', 'wjj', ['department'])) },
    { unit: 'jyj', ...(await person('officer-jyj', 'jyj', ['department'])) },
  ];
  const cc = await person('command', 'county', ['command-center', 'inspector']);
  const later = (days: number) => new Date(Date.now() + days * DAY).toISOString();

  // a ledger
  const ledger = await must<{ id: string }>('POST', '/ledgers', cc.token, {
    name: '集群验证台账',
    source: '验证',
  });
  const items: Array<{ id: string; token: string }> = [];
  for (let i = 0; i < ITEMS; i++) {
    const owner = owners[i % 2];
    const item = await must<{ id: string }>('POST', `/ledgers/${ledger.id}/items`, cc.token, {
      problem: `验证问题${i + 1}`,
      source: '验证',
      category: '资金管理',
      analysis: '审批环节多',
      measures: ['简化审批'],
      responsibleUnit: owner.unit,
      responsiblePersonId: owner.id,
      verifierId: cc.id,
      basicDeadline: later(30),
      fullDeadline: later(60),
    });
    items.push({ id: item.id, token: owner.token });
  }

  // the example campaign
  const campaign = await must<{ id: string }>('POST', '/campaigns', cc.token, exampleCampaign());
  await must('POST', `/campaigns/${campaign.id}/launch`, cc.token);
  const reportingTasks = [
    { key: 'T2', token: auth.get('nyj')! },
    { key: 'T3', token: auth.get('jrb')! },
  ];

  // a housing programme
  const programme = await must<{ id: string }>('POST', '/housing/programmes', cc.token, {
    name: '集群验证危房改造',
    housingBureau: 'zjj',
    stageDeadlines: { construction: later(60), 'move-in': later(90) },
    noticePeriods: { village: 'PT5S', township: null, county: 'PT5S' },
    timerJitter: 'PT10S',
  });
  const rows = ['户编号,户主姓名,村编码,乡镇编码,是否建档立卡贫困户,房屋危险等级,计划补助金额（元）'];
  for (let i = 1; i <= HOUSEHOLDS; i++) {
    const [village, township] = i % 2 === 0 ? ['cgz-dp', 'cgz'] : ['xhz-sk', 'xhz'];
    rows.push(
      `K${String(i).padStart(5, '0')},户主${i},${village},${township},${i % 10 === 0 ? '否' : '是'},D,14000`,
    );
  }
  const form = new FormData();
  form.append('file', new Blob([Buffer.from(rows.join('\n'))]), 'households.csv');
  const batch = await must<{ id: string }>(
    'POST',
    `/housing/programmes/${programme.id}/imports`,
    cc.token,
    form,
  );
  while (
    (await request<{ status: string }>('GET', `/housing/imports/${batch.id}`, cc.token)).status !== 'done'
  )
    await sleep(1000);
  const households: Household[] = [];
  for (let page = 1; households.length < HOUSEHOLDS; page++) {
    const body = await request<{ items: Household[] }>(
      'GET',
      `/housing/households?programme=${programme.id}&pageSize=500&page=${page}`,
      cc.token,
    );
    if (body.items.length === 0) break;
    households.push(...body.items);
  }
  check(households.length === HOUSEHOLDS, `${households.length} of ${HOUSEHOLDS} households imported`);
  figures.push([
    `set-up: units, people, ${ITEMS} items, campaign launched, ${HOUSEHOLDS} households imported`,
    seconds(Date.now() - t),
  ]);
  log(`${HOUSEHOLDS} households imported, ${ITEMS} items registered, the example campaign launched`);

  // the drive: households through every stage; reports on items and tasks alongside
  // A household the API answered "not taken in time" for (a worker away) may take the step a moment
  // later: before it is sent again, its timeline is checked for any note this step was sent with.
  const db = new Pool({ connectionString: roles.superuserUrl, max: 2 });
  cleanups.push(() => db.end());
  const applied = appliedByTimeline(db);
  const drive = bulkDrive({
    command: (method, route, token, body) => command(method, route, token, body),
    tokenOf: (person) => auth.get(person)!,
    nextNote,
    bulkSize: BULK_SIZE,
    maxRounds: 300,
    acknowledged: (id, note) => acknowledged.push({ table: 'household', id, note }),
    refused: (_id, code) => notAcknowledged.set(code, (notAcknowledged.get(code) ?? 0) + 1),
    appliedAnyway: async (ids, notes) => {
      const late = await applied(ids, notes);
      lateApplied += late.size;
      return late;
    },
  });
  let working = true;
  const driveStarted = Date.now();
  const housing = walkToMoveIn(households, drive);
  const reports = (async () => {
    for (let n = 0; working; n++) {
      const item = items[n % items.length];
      const note = nextNote();
      const r = await command('POST', `/rectifications/${item.id}/progress`, item.token, { note });
      if (r.ok) acknowledged.push({ table: 'item', id: item.id, note });
      else problems.push(`progress report on item ${item.id} refused: ${r.status} ${r.body.slice(0, 200)}`);
      const task = reportingTasks[n % reportingTasks.length];
      const narrative = nextNote();
      const tr = await command('POST', `/campaigns/${campaign.id}/tasks/${task.key}/progress`, task.token, {
        percentDone: Math.min(100, 1 + n),
        narrative,
      });
      if (tr.ok) acknowledged.push({ table: 'task', id: `${campaign.id}:${task.key}`, note: narrative });
      else
        problems.push(`progress report on task ${task.key} refused: ${tr.status} ${tr.body.slice(0, 200)}`);
      await sleep(300);
    }
  })();

  // 7. SIGKILL one worker mid-work, once it has done some of it; it is not restarted
  const victim = app.workers[1];
  const survivor = app.workers[0];
  await waitFor(
    'a third of the bulk steps',
    () => Promise.resolve(acknowledged.filter((a) => a.table === 'household').length >= HOUSEHOLDS * 3),
    600_000,
  );
  const killedAt = Date.now();
  log(`SIGKILL ${victim.name} (${identityOf(victim)}) mid-work; not restarted`);
  victim.child.kill('SIGKILL');
  await victim.exited;

  try {
    await housing;
  } finally {
    working = false;
    await reports;
  }
  const driveMs = Date.now() - driveStarted;
  log(`all households moved in after ${seconds(driveMs)} of bulk steps`);
  figures.push([
    'bulk-step answers not ok, sent again (by code); of them applied late',
    `${[...notAcknowledged].map(([code, n]) => `${code} ×${n}`).join(', ') || 'none'}; ${lateApplied}`,
  ]);
  figures.push([
    `${HOUSEHOLDS} households through every stage (bulk steps, notices, payment)`,
    `${seconds(driveMs)}, ${seconds(Date.now() - killedAt)} of it after the SIGKILL`,
  ]);

  // the change feed: one API's stream sees commands sent to the other
  const feedMs = await feedLatency(campaign.id, reportingTasks);
  const sorted = [...feedMs].sort((a, b) => a - b);
  figures.push([
    `change feed on one API sees a command sent to the other (${feedMs.length} commands, both ways)`,
    `median ${Math.round(sorted[Math.floor(sorted.length / 2)])} ms, max ${Math.round(sorted[sorted.length - 1])} ms`,
  ]);

  // 8. the checks
  await sleep(20_000); // the reconciler's pass and the last deliveries
  await recount({
    temporal,
    superuserUrl: roles.superuserUrl,
    programmeId: programme.id,
    ledgerId: ledger.id,
  });
  await workersDidWork(temporal, [survivor, victim], killedAt, [
    ...households.map((h) => `household:${programme.id}:${h.householdNo}`),
  ]);
  await sameAnswers(cc.token, [
    `/housing/households?programme=${programme.id}&pageSize=500`,
    `/rectifications?ledger=${ledger.id}&pageSize=500`,
    `/campaigns/${campaign.id}`,
    `/housing/programmes/${programme.id}/progress`,
  ]);
  const chain = await request<{ intact: boolean; entries: number; problem?: string }>(
    'GET',
    '/audit/verify',
    admin,
  );
  check(chain.intact, `audit chain broken: ${chain.problem}`);
  figures.push([
    'audit chain',
    chain.intact ? `intact (${chain.entries} entries)` : `BROKEN: ${chain.problem}`,
  ]);
}

/**
 * Opens the campaign's change feed on each API and sends progress reports to the other one,
 * alternately; returns the time from sending each until the other API's feed delivered the task's
 * new version.
 */
async function feedLatency(
  campaignId: string,
  tasks: Array<{ key: string; token: string }>,
): Promise<number[]> {
  /** Per API: task key → the newest version its feed delivered, and when. */
  const seen = apis.map(() => new Map<string, { version: number; at: number }>());
  const open = await Promise.all(
    apis.map(async (api, i) => {
      const controller = new AbortController();
      const response = await fetch(`${api}/campaigns/${campaignId}/events`, {
        headers: { authorization: `Bearer ${tasks[0].token}`, accept: 'text/event-stream' },
        signal: controller.signal,
      });
      if (!response.ok || !response.body) throw new Error(`feed on API ${i + 1}: ${response.status}`);
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      const done = (async () => {
        let buffer = '';
        try {
          for (;;) {
            const { value, done: ended } = await reader.read();
            if (ended) return;
            buffer += value;
            const blocks = buffer.split('\n\n');
            buffer = blocks.pop() ?? '';
            for (const block of blocks) {
              const data = block
                .split('\n')
                .filter((line) => line.startsWith('data:'))
                .map((line) => line.slice(5).trim())
                .join('\n');
              if (!/^event:\s*task\s*$/m.test(block) || !data) continue;
              const payload = JSON.parse(data) as { key?: string; version?: number };
              if (!payload.key || typeof payload.version !== 'number') continue;
              const before = seen[i].get(payload.key);
              if (!before || payload.version > before.version)
                seen[i].set(payload.key, { version: payload.version, at: performance.now() });
            }
          }
        } catch {
          // aborted
        }
      })();
      return { stop: () => controller.abort(), done };
    }),
  );
  await sleep(2000); // the streams have caught up with the past
  const latencies: number[] = [];
  try {
    for (let n = 0; n < FEED_SAMPLES; n++) {
      const to = n % 2; // the command goes to this API, its feed is watched on the other
      const watched = seen[1 - to];
      const task = tasks[n % tasks.length];
      const before = watched.get(task.key)?.version ?? -1;
      const narrative = nextNote();
      const sent = performance.now();
      const result = await command(
        'POST',
        `/campaigns/${campaignId}/tasks/${task.key}/progress`,
        task.token,
        { percentDone: 100, narrative },
        apis[to],
      );
      if (!result.ok) throw new Error(`progress report refused: ${result.status} ${result.body}`);
      acknowledged.push({ table: 'task', id: `${campaignId}:${task.key}`, note: narrative });
      const giveUp = performance.now() + 30_000;
      while ((watched.get(task.key)?.version ?? -1) <= before && performance.now() < giveUp) await sleep(2);
      const after = watched.get(task.key);
      if (!after || after.version <= before)
        problems.push(`the feed on API ${2 - to} never showed the report sent to API ${to + 1}`);
      else latencies.push(after.at - sent);
      await sleep(500);
    }
  } finally {
    for (const s of open) s.stop();
    await Promise.all(open.map((s) => s.done));
  }
  return latencies;
}

/** Read model against each workflow's `state` query; acknowledged commands; payments against the gateway. */
async function recount(options: {
  temporal: Client;
  superuserUrl: string;
  programmeId: string;
  ledgerId: string;
}): Promise<void> {
  const { temporal, programmeId, ledgerId } = options;
  const db = new PgClient({ connectionString: options.superuserUrl });
  await db.connect();
  try {
    const model = await recountReadModel(temporal, db, programmeId, ledgerId);
    problems.push(...model.problems);
    figures.push(
      [
        'households: read-model row = workflow state query',
        `${model.households.equal} / ${model.households.rows.length}`,
      ],
      ['items: read-model row = workflow state query', `${model.items.equal} / ${model.items.rows.length}`],
    );
    check(model.households.rows.length === HOUSEHOLDS, `${model.households.rows.length} household rows`);
    const commands = await acknowledgedAppliedOnce(db, acknowledged);
    problems.push(...commands.problems);
    figures.push([
      'acknowledged commands applied exactly once',
      `${commands.applied} / ${acknowledged.length}`,
    ]);
    const payments = await paidExactlyOnce(db, programmeId);
    problems.push(...payments.problems);
    check(payments.transfers === HOUSEHOLDS, `${payments.transfers} households paid at the gateway`);
    figures.push([
      'subsidies paid exactly once (gateway record = read model)',
      `${payments.paidOnce} / ${HOUSEHOLDS}`,
    ]);
  } finally {
    await db.end();
  }
}

/**
 * Both workers did work: the identities in the workflow-task and activity-task started events of
 * the households' histories. The killed worker's identity appears only before it was killed.
 */
async function workersDidWork(
  temporal: Client,
  [survivor, victim]: Child[],
  killedAt: number,
  workflowIds: string[],
): Promise<void> {
  const counts = new Map<string, { workflowTasks: number; activities: number; afterKill: number }>();
  for (let i = 0; i < workflowIds.length; i += 20) {
    const histories = await Promise.all(
      workflowIds.slice(i, i + 20).map((id) => temporal.workflow.getHandle(id).fetchHistory()),
    );
    for (const event of histories.flatMap((h) => h.events ?? [])) {
      const identity =
        event.workflowTaskStartedEventAttributes?.identity ??
        event.activityTaskStartedEventAttributes?.identity;
      if (!identity) continue;
      const count = counts.get(identity) ?? { workflowTasks: 0, activities: 0, afterKill: 0 };
      if (event.workflowTaskStartedEventAttributes) count.workflowTasks++;
      else count.activities++;
      if (Number(event.eventTime?.seconds ?? 0) * 1000 > killedAt + 1000) count.afterKill++;
      counts.set(identity, count);
    }
  }
  for (const [label, worker] of [
    ['surviving worker', survivor],
    ['SIGKILLed worker', victim],
  ] as const) {
    const count = counts.get(identityOf(worker)) ?? { workflowTasks: 0, activities: 0, afterKill: 0 };
    figures.push([
      `${label} ${identityOf(worker)}: workflow tasks / activities`,
      `${count.workflowTasks} / ${count.activities} in the households' histories`,
    ]);
    check(count.workflowTasks + count.activities > 0, `the ${label} did no work`);
  }
  const afterKill = counts.get(identityOf(victim))?.afterKill ?? 0;
  check(afterKill === 0, `the SIGKILLed worker started ${afterKill} tasks after it was killed`);
}

/** The same GETs on both APIs answer the same. */
async function sameAnswers(token: string, routes: string[]): Promise<void> {
  let same = 0;
  for (const route of routes) {
    const [a, b] = await Promise.all(
      apis.map((api) => request<unknown>('GET', route, token, undefined, {}, api)),
    );
    // `asOf`: when the answer was computed, the one field two reads a moment apart may differ in
    const comparable = (body: unknown) =>
      JSON.stringify(body, (key, value: unknown) => (key === 'asOf' ? undefined : value));
    if (comparable(a) === comparable(b)) same++;
    else problems.push(`the two APIs answer ${route} differently`);
  }
  figures.push(['the two APIs answer the same reads the same', `${same} / ${routes.length}`]);
}

void main()
  .catch((error: unknown) => {
    problems.push(
      `the run stopped: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
  })
  .then(async () => {
    console.log(
      `\nnpm run cluster: Temporal server v${TEMPORAL_SERVER_VERSION}, four services, ${HISTORY_SHARDS} history shards, Postgres persistence and SQL visibility; two workers, two APIs`,
    );
    for (const [name, value] of figures) console.log(`  ${name.padEnd(84)} ${value}`);
    console.log(`  ${'whole run'.padEnd(84)} ${seconds(Date.now() - started)}`);
    if (problems.length > 0) {
      console.log(`\nFAILED: ${problems.length} problems`);
      for (const p of problems.slice(0, 50)) console.log(`  ${p}`);
    } else
      console.log(
        '\nPASSED: nothing lost, work on both workers, both APIs agree, payments once, audit intact',
      );
    await cleanUp(problems.length > 0 || process.env.KEEP_CLUSTER_DATA === '1');
    process.exit(problems.length > 0 ? 1 : 0);
  });
