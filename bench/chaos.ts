/**
 * Fault injection (npm run chaos [-- HOUSEHOLDS], default 1,000): the system as `npm start` runs it
 * (dist/scripts/stack.js: the Temporal dev server on its SQLite file, the worker and the API
 * supervised) on throwaway data, with Postgres run by this harness so it can be stopped. A mixed
 * workload — a ledger whose items get progress reports, a housing programme whose households are
 * driven through every stage by bulk steps with a flaky simulated payment gateway, a campaign whose
 * tasks get progress reports — runs while the harness SIGKILLs the worker, `kill -9`s Temporal,
 * stops Postgres for 30 s and SIGKILLs the worker again. Then it recounts: every household's and
 * item's read-model state against its workflow's `state` query, no open workflow stuck, every
 * subsidy paid exactly once (the gateway's own record), every acknowledged command applied exactly
 * once, the audit chain intact, the dashboards' counters equal to the rows. Prints what the API answered during each fault and how long the
 * system took to recover; exits 1 on any mismatch.
 */
import { AnswerRecord, ApiError, BulkResult, carefulClient, Household } from './careful-client';
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { Client as PgClient } from 'pg';
import { RunningPostgres, startEmbeddedPostgres } from '../libs/devstack/src/embedded-postgres';
import { freePort, waitFor } from '../libs/devstack/src/free-port';
import { PROJECT_ROOT } from '../libs/devstack/src/project-paths';
import { stopChild } from '../libs/devstack/src/temporal-dev-server';
import { percentile } from './bench-http';
import { HouseholdStanding, walkByStanding } from './household-walk';
import { reconcileHouseholdCounters } from '../libs/database/src/housing/household-tally';
import { Acknowledged, acknowledgedAppliedOnce, paidExactlyOnce, recountReadModel } from './recount';
import { runBenchmark } from './report';

const HOUSEHOLDS = Number(process.argv[2] ?? 1000);
const TOWNSHIPS = 5;
const VILLAGES_PER_TOWNSHIP = 2;
const ITEMS = 20;
const BULK_SIZE = 250;
const POSTGRES_DOWN_MS = 30_000;
/** Gap between the recovery from one fault and the next fault. */
const BETWEEN_FAULTS_MS = 15_000;
const GATEWAY_FAILURE_RATE = 0.2;
const RECONCILE_INTERVAL_SECONDS = 15;
const ADMIN_PASSWORD = 'chaos-admin-password';
const PASSWORD = 'chaos-password-1';
const DAY = 86_400_000;
const TASK_QUEUE = 'campaign-engine';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const log = (message: string) => console.log(`[chaos ${new Date().toISOString().slice(11, 19)}] ${message}`);
const cstDate = (instant: number) => new Date(instant + 8 * 3_600_000).toISOString().slice(0, 10);

// ---------------------------------------------------------------------------------------------
// Every API answer, kept to tell what the API said during each fault.

const answers: AnswerRecord[] = [];

let api = '';
const { request, command } = carefulClient({ apiFor: () => api, onAnswer: (answer) => answers.push(answer) });

/** A read that outlasts an unavailable moment (a loaded machine's 503, a restart): retried for up to ten minutes. */
async function read<T>(route: string, token: string): Promise<T> {
  const giveUp = Date.now() + 600_000;
  for (;;) {
    try {
      return await request<T>('GET', route, token);
    } catch (error) {
      const transient =
        error instanceof ApiError &&
        (error.status === 'no answer' || error.status >= 500 || error.status === 429);
      if (!transient || Date.now() > giveUp) throw error;
      await sleep(1000);
    }
  }
}

async function must<T>(method: string, route: string, token: string, body?: unknown): Promise<T> {
  const result = await command<T>(method, route, token, body);
  if (!result.ok) throw new Error(`${method} ${route}: ${result.status} ${result.body}`);
  return result.body;
}

async function signIn(username: string, password: string): Promise<string> {
  for (;;) {
    try {
      return (
        await request<{ accessToken: string }>('POST', '/auth/login', undefined, { username, password })
      ).accessToken;
    } catch (error) {
      if (error instanceof ApiError && typeof error.status === 'number' && error.status < 500) throw error;
      await sleep(1000);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// The system: Postgres run here, the rest by `npm start`'s launcher.

interface Chaos {
  dir: string;
  pg: RunningPostgres;
  pgPort: number;
  databaseUrl: string;
  stack: ChildProcess;
  stackExited: Promise<unknown>;
  temporalAddress: string;
}

const pgOptions = (dir: string, port: number) => ({
  dataDir: path.join(dir, 'postgres'),
  port,
  database: 'chaos',
  // kept across the stop and start; the whole folder is removed at the end
  throwaway: false,
});

async function startSystem(): Promise<Chaos> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'campaign-chaos-'));
  fs.chmodSync(dir, 0o755);
  const [pgPort, temporalPort, uiPort, apiPort] = [
    await freePort(),
    await freePort(),
    await freePort(),
    await freePort(),
  ];
  const pg = await startEmbeddedPostgres(pgOptions(dir, pgPort));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: path.join(dir, 'stack'),
    DATABASE_URL: pg.url,
    PORT: String(apiPort),
    TEMPORAL_PORT: String(temporalPort),
    TEMPORAL_UI_PORT: String(uiPort),
    TEMPORAL_TASK_QUEUE: TASK_QUEUE,
    ADMIN_PASSWORD,
    LOG_LEVEL: 'warn',
    LOGIN_RATE_LIMIT_PER_MINUTE: '10000',
    LOGIN_RATE_LIMIT_PER_ADDRESS_PER_MINUTE: '10000',
    EXPENSIVE_RATE_LIMIT_PER_MINUTE: '10000',
    ACCESS_TOKEN_TTL_SECONDS: '86400',
    PAYMENT_GATEWAY: 'simulated',
    SIMULATED_GATEWAY_FAILURE_RATE: String(GATEWAY_FAILURE_RATE),
    RECONCILE_INTERVAL_SECONDS: String(RECONCILE_INTERVAL_SECONDS),
  };
  delete env.TEMPORAL_ADDRESS;
  const logFile = fs.createWriteStream(path.join(dir, 'stack.log'));
  const stack = spawn(
    process.execPath,
    ['--enable-source-maps', path.join(PROJECT_ROOT, 'dist/scripts/stack.js')],
    {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const stackExited = new Promise((resolve) => stack.once('exit', resolve));
  let ready = false;
  const onData = (chunk: Buffer) => {
    logFile.write(chunk);
    for (const line of chunk.toString().split('\n')) {
      if (line.startsWith('Ready.')) ready = true;
      // the launcher's own account of exits and restarts
      if (line.startsWith('[start]') && /exit|restart|stopp|fail/i.test(line)) log(`  stack: ${line}`);
    }
  };
  stack.stdout.on('data', onData);
  stack.stderr.on('data', onData);
  api = `http://127.0.0.1:${apiPort}/api`;
  await Promise.race([
    waitFor('npm start', () => Promise.resolve(ready), 240_000),
    stackExited.then(() => {
      throw new Error(`the stack exited during start; see ${path.join(dir, 'stack.log')}`);
    }),
  ]);
  return {
    dir,
    pg,
    pgPort,
    databaseUrl: pg.url,
    stack,
    stackExited,
    temporalAddress: `127.0.0.1:${temporalPort}`,
  };
}

/** The launcher's child whose command line matches. */
function childPid(parent: number, matches: (args: string) => boolean): number {
  const lines = execFileSync('ps', ['-o', 'pid=,args=', '--ppid', String(parent)], { encoding: 'utf8' })
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const line = lines.find((l) => matches(l.slice(l.indexOf(' ') + 1)));
  if (!line) throw new Error(`no child of ${parent} matches; children: ${lines.join(' | ')}`);
  return Number(line.split(' ')[0]);
}

// ---------------------------------------------------------------------------------------------
// Recovery probes: an end-to-end round trip (API → Temporal → worker → Postgres) every second.

interface Probe {
  startedAt: number;
  doneAt?: number;
}
const probes: Probe[] = [];
const readyAnswers: AnswerRecord[] = [];
let probing = true;

function startProbes(admin: () => string): Promise<void> {
  const one = async () => {
    const probe: Probe = { startedAt: Date.now() };
    probes.push(probe);
    const deadline = probe.startedAt + 120_000;
    while (Date.now() < deadline && probing) {
      try {
        const { id } = await request<{ id: string }>('POST', '/diagnostics/round-trips', admin(), {});
        while (Date.now() < deadline && probing) {
          try {
            await request('GET', `/diagnostics/round-trips/${id}`, admin());
            probe.doneAt = Date.now();
            return;
          } catch {
            await sleep(250);
          }
        }
      } catch {
        await sleep(500);
      }
    }
  };
  const readiness = async () => {
    const at = Date.now();
    try {
      const response = await fetch(`${api}/ready`, { signal: AbortSignal.timeout(10_000) });
      readyAnswers.push({ at, ms: Date.now() - at, status: response.status, route: 'GET /api/ready' });
    } catch {
      readyAnswers.push({ at, ms: Date.now() - at, status: 'no answer', route: 'GET /api/ready' });
    }
  };
  return (async () => {
    const running: Array<Promise<void>> = [];
    while (probing) {
      running.push(one(), readiness());
      await sleep(1000);
    }
    await Promise.all(running);
  })();
}

/** Waits until a probe started after `since` completed its round trip; returns when it did. */
async function recoveredAfter(since: number, limitMs = 600_000): Promise<number> {
  const giveUp = Date.now() + limitMs;
  for (;;) {
    const done = probes.filter((p) => p.startedAt >= since && p.doneAt).map((p) => p.doneAt!);
    if (done.length > 0) return Math.min(...done);
    if (Date.now() > giveUp) throw new Error('the system did not recover within ten minutes');
    await sleep(250);
  }
}

interface FaultRecord {
  name: string;
  at: number;
  recoveredAt: number;
}

/** What the API answered from a fault until the system had recovered, and how long that took. */
function printFault(f: FaultRecord): void {
  const during = answers.filter((a) => a.at >= f.at && a.at <= f.recoveredAt);
  const count = (list: AnswerRecord[]) => {
    const codes = new Map<string, number>();
    for (const a of list) codes.set(String(a.status), (codes.get(String(a.status)) ?? 0) + 1);
    return (
      [...codes.entries()]
        .sort()
        .map(([code, n]) => `${code} ×${n}`)
        .join(', ') || 'none'
    );
  };
  const ready = readyAnswers.filter((a) => a.at >= f.at && a.at <= f.recoveredAt);
  const longest = during.reduce((max, a) => Math.max(max, a.ms), 0);
  console.log(`  ${f.name}`);
  console.log(`    recovery                      ${((f.recoveredAt - f.at) / 1000).toFixed(1)} s`);
  console.log(`    API answers during it         ${count(during)}`);
  console.log(`    longest wait                  ${(longest / 1000).toFixed(1)} s`);
  console.log(`    /api/ready during it          ${count(ready)}`);
}

// ---------------------------------------------------------------------------------------------

/** Acknowledged commands: the note each carried and the object it was for. */
const acknowledged: Acknowledged[] = [];
let noteSeq = 0;
/** Household steps the API did not apply (refused or not confirmed), by code; each is sent again from where the household stands. */
const notApplied = new Map<string, number>();
const refused = (_id: string, code: string) => notApplied.set(code, (notApplied.get(code) ?? 0) + 1);
const nextNote = () => `chaos-${++noteSeq}-${randomUUID().slice(0, 8)}`;

async function main(): Promise<void> {
  log(`starting the system as npm start does (Postgres run by the harness) …`);
  const system = await startSystem();
  let failed = false;
  const connection = await Connection.connect({ address: system.temporalAddress });
  const temporal = new Client({ connection });
  try {
    const admin = await signIn('admin', ADMIN_PASSWORD);
    let adminToken = admin;
    const probing$ = startProbes(() => adminToken);

    // --- organisation
    const unit = (code: string, name: string, kind: string, parentCode?: string) =>
      must('POST', '/units', admin, { code, name, kind, ...(parentCode ? { parentCode } : {}) });
    const person = async (username: string, unitCode: string, roles: string[]) => {
      const { id } = await must<{ id: string }>('POST', '/users', admin, {
        username,
        displayName: username,
        unitCode,
        roles,
        password: PASSWORD,
      });
      return { id, token: await signIn(username, PASSWORD) };
    };
    await unit('county', '示范县', 'county');
    await unit('zjj', '县住建局', 'bureau', 'county');
    await unit('b1', '县卫计局', 'bureau', 'county');
    await unit('b2', '县教育局', 'bureau', 'county');
    const auth = new Map<string, string>();
    for (let t = 1; t <= TOWNSHIPS; t++) {
      await unit(`t${t}`, `第${t}镇`, 'township', 'county');
      auth.set(`t${t}`, (await person(`dept-t${t}`, `t${t}`, ['department'])).token);
      for (let v = 1; v <= VILLAGES_PER_TOWNSHIP; v++) {
        await unit(`v${t}-${v}`, `第${t}镇${v}村`, 'village', `t${t}`);
        auth.set(`v${t}-${v}`, (await person(`dept-v${t}-${v}`, `v${t}-${v}`, ['department'])).token);
      }
    }
    auth.set('zjj', (await person('dept-zjj', 'zjj', ['department'])).token);
    const b1 = await person('dept-b1', 'b1', ['department']);
    const b2 = await person('dept-b2', 'b2', ['department']);
    const cc = await person('command', 'county', ['command-center', 'inspector']);

    // --- a ledger of items
    const later = (days: number) => new Date(Date.now() + days * DAY).toISOString();
    const ledger = await must<{ id: string }>('POST', '/ledgers', cc.token, {
      name: '故障演练台账',
      source: '演练',
    });
    const items: Array<{ id: string; owner: { token: string } }> = [];
    for (let i = 0; i < ITEMS; i++) {
      const owner = i % 2 === 0 ? b1 : b2;
      const item = await must<{ id: string }>('POST', `/ledgers/${ledger.id}/items`, cc.token, {
        problem: `演练问题${i + 1}`,
        source: '演练',
        category: '资金管理',
        analysis: '审批环节多',
        measures: ['简化审批'],
        responsibleUnit: i % 2 === 0 ? 'b1' : 'b2',
        responsiblePersonId: owner.id,
        verifierId: cc.id,
        basicDeadline: later(30),
        fullDeadline: later(60),
      });
      items.push({ id: item.id, owner });
    }

    // --- a campaign
    const end = cstDate(Date.now() + 99 * DAY);
    const campaign = await must<{ id: string }>('POST', '/campaigns', cc.token, {
      name: '故障演练攻坚行动',
      window: { start: cstDate(Date.now()), end },
      goals: [{ key: 'G1', name: '任务完成率', target: 100, unit: '%', tasks: ['T1', 'T2'] }],
      tasks: [
        { key: 'T1', name: '重点任务一', lead: 'b1', cooperating: ['b2'], deadline: end },
        { key: 'T2', name: '重点任务二', lead: 'b2', cooperating: [], deadline: end },
      ],
    });
    await must('POST', `/campaigns/${campaign.id}/launch`, cc.token);

    // --- a housing programme
    const programme = await must<{ id: string }>('POST', '/housing/programmes', cc.token, {
      name: '故障演练危房改造',
      housingBureau: 'zjj',
      stageDeadlines: { construction: later(60), 'move-in': later(90) },
      noticePeriods: { village: 'PT5S', township: null, county: 'PT5S' },
      timerJitter: 'PT10S',
    });
    const rows = ['户编号,户主姓名,村编码,乡镇编码,是否建档立卡贫困户,房屋危险等级,计划补助金额（元）'];
    for (let i = 1; i <= HOUSEHOLDS; i++) {
      const t = (i % TOWNSHIPS) + 1;
      const v = (Math.floor(i / TOWNSHIPS) % VILLAGES_PER_TOWNSHIP) + 1;
      rows.push(
        `C${String(i).padStart(5, '0')},户主${i},v${t}-${v},t${t},${i % 10 === 0 ? '否' : '是'},D,14000`,
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
    while ((await read<{ status: string }>(`/housing/imports/${batch.id}`, cc.token)).status !== 'done')
      await sleep(1000);
    const households: Household[] = [];
    for (let page = 1; households.length < HOUSEHOLDS; page++) {
      const body = await read<{ items: Household[] }>(
        `/housing/households?programme=${programme.id}&pageSize=500&page=${page}`,
        cc.token,
      );
      if (body.items.length === 0) break;
      households.push(...body.items);
    }
    log(`${HOUSEHOLDS} households imported, ${ITEMS} items registered, a campaign launched`);

    // --- the workload, in the background
    let working = true;
    const standings = async () => {
      const all: HouseholdStanding[] = [];
      for (let page = 1; ; page++) {
        const body = await read<{ items: HouseholdStanding[] }>(
          `/housing/households?programme=${programme.id}&pageSize=500&page=${page}`,
          cc.token,
        );
        all.push(...body.items);
        if (body.items.length < 500) return all;
      }
    };
    const send = async (householdIds: string[], person: string, step: object) => {
      const note = nextNote();
      const result = await command<BulkResult>('POST', '/housing/households/steps', auth.get(person)!, {
        householdIds,
        step: { ...step, note },
      });
      if (!result.ok) throw new Error(`bulk step refused: ${result.status} ${result.body}`);
      for (const r of result.body)
        if (r.ok) acknowledged.push({ table: 'household', id: r.householdId, note });
      return result.body;
    };
    // Kept as results, so a failed workload still stops the system below.
    const settled = <T>(work: Promise<T>) =>
      work.then(
        (value) => ({ ok: true as const, value }),
        (error: unknown) => ({ ok: false as const, error }),
      );
    const housing = settled(
      (async () => {
        const started = Date.now();
        await walkByStanding({ standings, send, bulkSize: BULK_SIZE, maxRounds: 600, refused });
        log(
          `all ${HOUSEHOLDS} households moved in (${Math.round((Date.now() - started) / 1000)} s of bulk steps)`,
        );
      })(),
    );
    const reports = settled(
      (async () => {
        let n = 0;
        while (working) {
          const item = items[n % items.length];
          const note = nextNote();
          const r = await command('POST', `/rectifications/${item.id}/progress`, item.owner.token, { note });
          if (r.ok) acknowledged.push({ table: 'item', id: item.id, note });
          const key = n % 2 === 0 ? 'T1' : 'T2';
          const narrative = nextNote();
          const t = await command(
            'POST',
            `/campaigns/${campaign.id}/tasks/${key}/progress`,
            key === 'T1' ? b1.token : b2.token,
            {
              percentDone: Math.min(100, 1 + Math.floor(n / 2)),
              narrative,
            },
          );
          if (t.ok) acknowledged.push({ table: 'task', id: `${campaign.id}:${key}`, note: narrative });
          n++;
          await sleep(500);
        }
      })(),
    );

    // --- the faults
    const faults: FaultRecord[] = [];
    const fault = async (name: string, inject: () => Promise<void>) => {
      const at = Date.now();
      log(`fault: ${name}`);
      await inject();
      const recoveredAt = await recoveredAfter(at);
      faults.push({ name, at, recoveredAt });
      log(`  recovered after ${((recoveredAt - at) / 1000).toFixed(1)} s`);
      await sleep(BETWEEN_FAULTS_MS);
      printFault(faults[faults.length - 1]); // now as well: a run cut short keeps its figures
    };
    const stackPid = system.stack.pid!;
    const isWorker = (args: string) => args.includes('apps/worker/src/main.js');
    await sleep(20_000); // bulk steps under way
    const kill = (matches: (args: string) => boolean) => () => {
      process.kill(childPid(stackPid, matches), 'SIGKILL');
      return Promise.resolve();
    };
    await fault('worker SIGKILL (1)', kill(isWorker));
    await fault(
      'Temporal kill -9, restarted on its SQLite file',
      kill((args) => /temporal\b.*server start-dev/.test(args)),
    );
    await fault(`Postgres stopped for ${POSTGRES_DOWN_MS / 1000} s`, async () => {
      await system.pg.stop();
      await sleep(POSTGRES_DOWN_MS);
      system.pg = await startEmbeddedPostgres(pgOptions(system.dir, system.pgPort));
    });
    await fault('worker SIGKILL (2)', kill(isWorker));

    const housed = await housing;
    working = false;
    const reported = await reports;
    if (!housed.ok || !reported.ok) failed = true;
    if (!housed.ok) throw housed.error;
    if (!reported.ok) throw reported.error;
    adminToken = await signIn('admin', ADMIN_PASSWORD);
    log(
      `workload done; waiting ${RECONCILE_INTERVAL_SECONDS + 10} s for the reconciler and the last deliveries …`,
    );
    await sleep((RECONCILE_INTERVAL_SECONDS + 10) * 1000);
    probing = false;
    await probing$;

    // --- the recount
    const problems: string[] = [];
    const db = new PgClient({ connectionString: system.pg.url });
    await db.connect();
    try {
      // 1. read model = workflow, households and items
      const model = await recountReadModel(temporal, db, programme.id, ledger.id);
      problems.push(...model.problems);

      // 2. no workflow stuck: every open workflow is idle (waiting on a timer or a person), none
      //    with a workflow task failing or long pending, none with an activity failing over and over
      let open = 0;
      let withTimer = 0;
      for await (const execution of temporal.workflow.list({ query: 'ExecutionStatus = "Running"' })) {
        open++;
        const handle = temporal.workflow.getHandle(execution.workflowId, execution.runId);
        const { raw } = await handle.describe();
        const task = raw.pendingWorkflowTask;
        const scheduledAt = Number(task?.scheduledTime?.seconds ?? 0) * 1000;
        if (task && ((task.attempt ?? 1) > 1 || Date.now() - scheduledAt > 30_000))
          problems.push(
            `stuck: ${execution.workflowId} has a workflow task pending (attempt ${task.attempt})`,
          );
        for (const activity of raw.pendingActivities ?? [])
          if ((activity.attempt ?? 1) >= 5)
            problems.push(
              `stuck: ${execution.workflowId} activity ${activity.activityType?.name} on attempt ${activity.attempt}`,
            );
        const history = await handle.fetchHistory();
        const events = history.events ?? [];
        const started = new Set<string>();
        for (const e of events) {
          if (e.timerStartedEventAttributes) started.add(String(e.eventId));
          if (e.timerFiredEventAttributes) started.delete(String(e.timerFiredEventAttributes.startedEventId));
          if (e.timerCanceledEventAttributes)
            started.delete(String(e.timerCanceledEventAttributes.startedEventId));
        }
        if (started.size > 0) withTimer++;
      }

      // 3. each subsidy paid exactly once: the gateway's own books against the read model
      const { paidOnce, problems: paymentProblems } = await paidExactlyOnce(db, programme.id);
      problems.push(...paymentProblems);

      // 4. every acknowledged command applied, once
      const { applied, problems: commandProblems } = await acknowledgedAppliedOnce(db, acknowledged);
      problems.push(...commandProblems);

      // 5. the audit chain
      const chain = await read<{ intact: boolean; entries: number; problem?: string }>(
        '/audit/verify',
        adminToken,
      );
      if (!chain.intact) problems.push(`audit chain broken: ${chain.problem}`);

      // 6. the dashboards' counters equal their recomputation from the household rows
      const counters = await reconcileHouseholdCounters({
        query: async <T>(text: string, values?: unknown[]) => (await db.query(text, values)).rows as T,
      });
      for (const d of counters.drift)
        problems.push(`counter ${d.table} ${d.counter}: stored ${d.stored}, from the rows ${d.recomputed}`);

      // --- figures
      console.log(
        `\nchaos run: ${HOUSEHOLDS} households, ${ITEMS} items, a campaign of 2 tasks; gateway failure rate ${GATEWAY_FAILURE_RATE}`,
      );
      console.log(
        '\nfaults (API answers from the fault until a round trip through API, Temporal, worker and Postgres completed again)',
      );
      for (const f of faults) printFault(f);
      const commandMs = answers
        .filter((a) => a.route.startsWith('POST /housing/households/steps'))
        .map((a) => a.ms);
      console.log('\nrecount');
      const figures: Array<[string, string]> = [
        [
          'households: read model = workflow state query',
          `${model.households.equal} / ${model.households.rows.length}`,
        ],
        ['items: read model = workflow state query', `${model.items.equal} / ${model.items.rows.length}`],
        [
          'open workflows (with a pending timer) / stuck',
          `${open} (${withTimer}) / ${problems.filter((p) => p.startsWith('stuck')).length}`,
        ],
        ['subsidies paid exactly once (gateway = read model)', `${paidOnce} / ${HOUSEHOLDS}`],
        ['acknowledged commands applied exactly once', `${applied} / ${acknowledged.length}`],
        [
          'household steps not applied, sent again (by code)',
          [...notApplied].map(([code, n]) => `${code} ×${n}`).join(', ') || 'none',
        ],
        ['audit chain', chain.intact ? `intact (${chain.entries} entries)` : `BROKEN: ${chain.problem}`],
        [
          'dashboard counters = recomputed from the rows',
          `${counters.counters - counters.drift.length} / ${counters.counters}`,
        ],
        [
          'bulk step requests, p50 / p95 / max',
          `${Math.round(percentile(commandMs, 0.5))} / ${Math.round(percentile(commandMs, 0.95))} / ${Math.round(Math.max(...commandMs))} ms`,
        ],
      ];
      for (const [name, value] of figures) console.log(`  ${name.padEnd(52)} ${value}`);
      if (problems.length > 0) {
        failed = true;
        console.log(`\n${problems.length} mismatches:`);
        for (const p of problems.slice(0, 50)) console.log(`  ${p}`);
      } else console.log('\nno mismatch');
    } finally {
      await db.end();
    }
  } finally {
    await connection.close().catch(() => undefined);
    probing = false;
    await stopChild(system.stack, system.stackExited, 60_000);
    await system.pg.stop().catch(() => undefined);
    if (failed) log(`data and logs kept in ${system.dir}`);
    else fs.rmSync(system.dir, { recursive: true, force: true });
  }
  if (failed) process.exitCode = 1;
}

runBenchmark(main);
