/**
 * Benchmark: the dashboards at county scale. Starts the system as `npm start` does (throwaway data),
 * seeds HOUSEHOLDS households (default 100,000) in 4 programmes over 10 townships of 10 villages by
 * SQL shaped like the projection's writes (bench/dashboards-seed.ts; test/dashboard-counters.e2e-spec.ts
 * compares a seeded row with a projected one), ITEMS rectification items (default 5,000) through the
 * real projection activity, and launches a 50-task campaign through the API. Then, for each
 * dashboard, 8 clients call the HTTP API for a few seconds (undici's request API: a client as lean
 * as pg), and 8 clients run the best SQL for the same answer directly on the same database (the lower
 * bound): p50 / p95 / requests per second, the ratio, the API's, the clients' and Postgres's CPU per
 * call. Also: the API's fixed overhead on a one-row list (one client, sequential requests: API p50 −
 * SQL p50, and the API process's CPU per request; again in paired half-second rounds; once more
 * with Node's fetch), a bulletin's publication beside its GROUP BY, and the reconciliation of the
 * household counters. Prints figures; not a test.
 * Each measurement follows a warm-up of the same load that is not counted: a running API has long
 * compiled its hot code, a freshly started one compiles it during the first seconds of each route.
 * Usage: npm run bench:dashboards [-- HOUSEHOLDS [ITEMS]]
 *   (BENCH_SECONDS: seconds per measurement, 5; BENCH_WARMUP_SECONDS: seconds of warm-up before it, 2)
 */
import * as os from 'node:os';
import { Pool } from 'pg';
import { Pool as HttpPool } from 'undici';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../libs/database/src/data-source-options';
import { reconcileHouseholdCounters } from '../libs/database/src/housing/household-tally';
import { BulletinQueries } from '../libs/database/src/rectification/bulletin.queries';
import { ITEM_LIST_COLUMNS } from '../libs/database/src/rectification/rectification-item.queries';
import { cstDate, cstDayStart } from '../libs/domain/src/time/china-time';
import { criticismLevelOf } from '../libs/domain/src/rectification/bulletin';
import { addIsoDuration } from '../libs/domain/src/time/iso-duration';
import { call, login, percentile, timed } from './bench-http';
import {
  seedHouseholds,
  seedItems,
  type SeedProgramme,
  type SeedUnit,
  type SeedVillage,
} from './dashboards-seed';
import { memoryFigures, startLocalSystem, temporalFigure } from './local-system';
import { processCpuMs, stolenCpuSeconds, stolenShare, treeCpuSeconds } from './process-cpu';
import { runBenchmark } from './report';

const HOUSEHOLDS = Number(process.argv[2] ?? 100_000);
const ITEMS = Number(process.argv[3] ?? 5_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 2);
const CLIENTS = 8;
const TOWNSHIPS = 10;
const VILLAGES_PER_TOWNSHIP = 10;
const PROGRAMMES = 4;
const ITEM_UNITS = 20;
/** Publications of the ledger's bulletin measured, each beside its statement and a bare GROUP BY. */
const BULLETIN_RUNS = 20;
const ADMIN_PASSWORD = 'bench-admin-password';
const PASSWORD = 'bench-password-1';
const DAY = 86_400_000;

interface Load {
  p50: number;
  p95: number;
  perSecond: number;
  /** CPU time the API process spent per call (user + system), when its pid is given. */
  cpuMs?: number;
  /** CPU time Postgres (the postmaster and every backend) spent per call, when its pid is given. */
  postgresCpuMs?: number;
  /** CPU time this benchmark process (the clients) spent per call. */
  clientCpuMs: number;
}

/**
 * `clients` loops (CLIENTS unless told) calling `work` for SECONDS seconds, after WARMUP_SECONDS of
 * the same loops that are not counted (V8 optimises a route's code after it has run many times, on
 * threads that take the same two cores): latency, throughput and, for a `pid`, that process's CPU
 * time per call — a cost that does not depend on what else runs.
 */
async function load(
  work: () => Promise<unknown>,
  { api: pid, postgres }: { api?: number; postgres?: number } = {},
  {
    seconds = SECONDS,
    clients = CLIENTS,
    warmupSeconds = WARMUP_SECONDS,
  }: { seconds?: number; clients?: number; warmupSeconds?: number } = {},
): Promise<Load> {
  const loops = async (until: number, each: (ms: number) => void) =>
    Promise.all(
      Array.from({ length: clients }, async () => {
        while (performance.now() < until) {
          const t = performance.now();
          await work();
          each(performance.now() - t);
        }
      }),
    );
  await loops(performance.now() + warmupSeconds * 1000, () => undefined);
  const samples: number[] = [];
  const cpuBefore = pid === undefined ? 0 : processCpuMs(pid);
  const postgresCpuBefore = treeCpuSeconds(postgres);
  const clientCpuBefore = process.cpuUsage();
  const started = performance.now();
  await loops(started + seconds * 1000, (ms) => samples.push(ms));
  const elapsed = (performance.now() - started) / 1000;
  const clientCpu = process.cpuUsage(clientCpuBefore);
  return {
    p50: percentile(samples, 0.5),
    p95: percentile(samples, 0.95),
    perSecond: samples.length / elapsed,
    clientCpuMs: (clientCpu.user + clientCpu.system) / 1000 / samples.length,
    ...(pid === undefined ? {} : { cpuMs: (processCpuMs(pid) - cpuBefore) / samples.length }),
    ...(postgresCpuBefore === undefined
      ? {}
      : { postgresCpuMs: ((treeCpuSeconds(postgres)! - postgresCpuBefore) * 1000) / samples.length }),
  };
}

const PAIRED_ROUNDS = 10;

/**
 * The fixed overhead in paired rounds: PAIRED_ROUNDS times half a second of the API, then half a
 * second of its SQL, one client each (both warm: run right after the 5-s measurements). The
 * machine's speed moves by more than 2x within minutes (the host's share of its cores); two 5-s
 * measurements one after the other can fall on either side of such a change, two half-seconds
 * rarely do. The rounds' differences of p50s, sorted.
 */
async function pairedOverhead(
  api: () => Promise<unknown>,
  sql: () => Promise<unknown>,
  pids: { api?: number; postgres?: number },
): Promise<number[]> {
  const differences: number[] = [];
  for (let round = 0; round < PAIRED_ROUNDS; round++) {
    const viaApi = await load(api, pids, { clients: 1, seconds: 0.5, warmupSeconds: 0 });
    const direct = await load(sql, pids, { clients: 1, seconds: 0.5, warmupSeconds: 0 });
    differences.push(viaApi.p50 - direct.p50);
  }
  return differences.sort((a, b) => a - b);
}

/** The CPU one answer costs the API process, Postgres and the client together, when all are known. */
function cpuPerAnswer(load: Load): number | undefined {
  if (load.postgresCpuMs === undefined) return undefined;
  return (load.cpuMs ?? 0) + load.postgresCpuMs + load.clientCpuMs;
}

/**
 * With every core busy, API ÷ SQL is about the ratio of their CPU per answer. The API process's CPU
 * per request that would bring the API within `ratio` of the SQL, its own client's and Postgres's
 * shares as measured (negative: out of reach even with an API that costs nothing).
 */
function apiCpuWithin(ratio: number, r: { api: Load; sql: Load }): number | undefined {
  const sql = cpuPerAnswer(r.sql);
  if (sql === undefined || r.api.postgresCpuMs === undefined) return undefined;
  return ratio * sql - r.api.postgresCpuMs - r.api.clientCpuMs;
}

async function main(): Promise<void> {
  console.log(`starting Postgres, Temporal, the worker and the API …`);
  const system = await startLocalSystem(ADMIN_PASSWORD);
  const dataSource = await new DataSource(dataSourceOptions(system.databaseUrl)).initialize();
  const pool = new Pool({ connectionString: system.databaseUrl, max: CLIENTS });
  // The API's clients: undici's own request API on CLIENTS kept-alive connections, as lean a client
  // as pg is for the SQL (Node's fetch spends several times its CPU per request on the same two cores).
  const http = new HttpPool(new URL(system.api).origin, { connections: CLIENTS });
  try {
    const { api } = system;
    const admin = await login(api, 'admin', ADMIN_PASSWORD);
    const unit = (code: string, name: string, kind: string, parentCode?: string) =>
      call(api, 'POST', '/units', admin, { code, name, kind, ...(parentCode ? { parentCode } : {}) });
    const person = async (username: string, unitCode: string, roles: string[]) => {
      const { id } = await call<{ id: string }>(api, 'POST', '/users', admin, {
        username,
        displayName: username,
        unitCode,
        roles,
        password: PASSWORD,
      });
      return { id, token: await login(api, username, PASSWORD) };
    };
    const pathOf = async (code: string) =>
      (await dataSource.query<Array<{ path: string }>>(`SELECT path FROM unit WHERE code = $1`, [code]))[0]
        .path;

    console.log(`  units, people, ${PROGRAMMES} programmes …`);
    await unit('county', '示范县', 'county');
    await unit('zjj', '县住建局', 'bureau', 'county');
    const villages: SeedVillage[] = [];
    for (let t = 1; t <= TOWNSHIPS; t++) {
      await unit(`t${t}`, `第${t}镇`, 'township', 'county');
      for (let v = 1; v <= VILLAGES_PER_TOWNSHIP; v++) {
        await unit(`t${t}v${v}`, `第${t}镇第${v}村`, 'village', `t${t}`);
        villages.push({ code: `t${t}v${v}`, township: `t${t}`, path: await pathOf(`t${t}v${v}`) });
      }
    }
    const command = await person('command', 'county', ['command-center', 'inspector']);
    const township = await person('dept-t1', 't1', ['department']);
    const bureau = await person('dept-zjj', 'zjj', ['department']);
    const itemUnits: SeedUnit[] = [];
    const itemPeople = new Map<string, { id: string; token: string }>();
    for (let b = 1; b <= ITEM_UNITS; b++) {
      await unit(`b${b}`, `第${b}局`, 'bureau', 'county');
      const p = await person(`dept-b${b}`, `b${b}`, ['department']);
      itemPeople.set(`b${b}`, p);
      itemUnits.push({ code: `b${b}`, path: await pathOf(`b${b}`), personId: p.id });
    }
    const later = (days: number) => new Date(Date.now() + days * DAY).toISOString();
    const programmes: SeedProgramme[] = [];
    for (let p = 0; p < PROGRAMMES; p++) {
      const view = await call<SeedProgramme['rules'] & { id: string }>(
        api,
        'POST',
        '/housing/programmes',
        command.token,
        {
          name: `农村危房改造${p + 1}`,
          housingBureau: 'zjj',
          stageDeadlines: { construction: later(60), acceptance: later(90), 'move-in': later(120) },
          stallAfter: 'P30D',
        },
      );
      programmes.push({ id: view.id, rules: view });
    }

    const now = Date.now();
    console.log(`  ${HOUSEHOLDS.toLocaleString('en')} households by SQL shaped like the projection …`);
    const [, householdsMs] = await timed(async () => {
      const share = Math.ceil(HOUSEHOLDS / PROGRAMMES);
      for (let p = 0; p < PROGRAMMES; p++)
        await seedHouseholds(
          dataSource,
          programmes[p],
          villages,
          p * share,
          Math.min(share, HOUSEHOLDS - p * share),
          now,
        );
    });
    console.log(`  ${ITEMS.toLocaleString('en')} items through the projection activity …`);
    const ledger = await call<{ id: string }>(api, 'POST', '/ledgers', command.token, {
      name: '巡察反馈问题整改台账',
      source: '基准测试',
    });
    const single = await call<{ id: string }>(api, 'POST', '/ledgers', command.token, {
      name: '单条问题台账',
      source: '基准测试',
    });
    const [, itemsMs] = await timed(async () => {
      await seedItems(dataSource, ledger.id, itemUnits, command.id, ITEMS, now);
      await seedItems(dataSource, single.id, itemUnits.slice(0, 1), command.id, 1, now);
    });

    console.log(`  a campaign of 50 tasks …`);
    const campaign = await launchCampaign(api, command.token, ledger.id, programmes);
    await dataSource.query(`VACUUM ANALYZE`);

    const month = cstDate(new Date()).slice(0, 7);
    const programme = programmes[0];
    const headers = (token: string) => ({ authorization: `Bearer ${token}` });
    const apiPath = new URL(api).pathname;
    const get = (route: string, token: string) => async () => {
      const response = await http.request({
        method: 'GET',
        path: `${apiPath}${route}`,
        headers: headers(token),
      });
      const body = await response.body.arrayBuffer();
      if (response.statusCode !== 200)
        throw new Error(`GET ${route}: ${response.statusCode} ${Buffer.from(body).toString()}`);
      return body;
    };
    /** The same call through Node's fetch, to show what the client's own cost does to the figures. */
    const fetchGet = (route: string, token: string) => async () => {
      const response = await fetch(`${api}${route}`, { headers: headers(token) });
      const body = await response.arrayBuffer();
      if (!response.ok) throw new Error(`GET ${route}: ${response.status} ${Buffer.from(body).toString()}`);
      return body;
    };
    // Named (prepared) statements, as the API runs its dashboards' reads: parsed once per connection.
    let statements = 0;
    const sql = (text: string, params: () => unknown[]) => {
      const name = `bench_${++statements}`;
      return () => pool.query({ name, text, values: params() });
    };
    const all =
      (...queries: Array<() => Promise<unknown>>) =>
      () =>
        Promise.all(queries.map((q) => q()));
    const stallThreshold = () => addIsoDuration(new Date(), '-P30D');
    const dayOf = (at: Date) => cstDate(at);
    const t1Path = await pathOf('t1');
    const b1 = itemPeople.get('b1')!;
    const b1Path = await pathOf('b1');
    const itemPage = (where: string, params: () => unknown[]) =>
      all(
        sql(`SELECT count(*) FROM rectification_item i WHERE ${where}`, params),
        sql(
          `SELECT ${ITEM_LIST_COLUMNS} FROM rectification_item i WHERE ${where} ORDER BY i.full_deadline, i.number LIMIT 20`,
          params,
        ),
      );
    const todoSql = (code: string, path: string, kind: string) =>
      all(
        sql(
          `WITH t AS (
             SELECT t.campaign_id, c.name, c.plan_version, t.key, t.name AS task, t.lead_unit, t.status, t.deadline,
                    t.paused_ms, t.paused_since, t.escalation_level
               FROM campaign_task t JOIN campaign c ON c.id = t.campaign_id
              WHERE (t.lead_unit = $1 OR t.cooperating_units @> ARRAY[$1]::text[])
                AND NOT t.is_group AND t.status <> 'accepted' AND t.closed_at IS NULL AND c.status <> 'closed'),
           l AS (SELECT v.campaign_id, v.resolved->'ladder' AS ladder
                   FROM (SELECT DISTINCT campaign_id, plan_version FROM t) c
                   JOIN campaign_plan_version v ON v.campaign_id = c.campaign_id AND v.version = c.plan_version)
           SELECT t.*, CASE WHEN row_number() OVER (PARTITION BY t.campaign_id) = 1 THEN l.ladder END
             FROM t LEFT JOIN l ON l.campaign_id = t.campaign_id`,
          () => [code],
        ),
        sql(
          `SELECT i.id, i.number, i.problem, i.ledger_id, l.name,
                  CASE WHEN row_number() OVER (PARTITION BY i.ledger_id) = 1 THEN l.ladder END, i.status,
                  i.basic_deadline, i.full_deadline, i.paused_ms, i.paused_since, i.escalation_level
             FROM rectification_item i JOIN ledger l ON l.id = i.ledger_id
            WHERE i.responsible_unit = $1 AND i.status <> 'closed'`,
          () => [code],
        ),
        sql(
          `WITH w AS (
             SELECT programme_id, split_part(key, ':', 1) AS stage, sum(n)::int, max(split_part(key, ':', 2)::int)
               FROM (SELECT t.programme_id, t.key, sum(t.households) AS n FROM household_tally t
                      WHERE t.kind = $2 AND t.village_path LIKE $1 AND t.households <> 0
                      GROUP BY 1, 2 HAVING sum(t.households) > 0) k GROUP BY 1, 2
             UNION ALL
             SELECT programme_id, split_part(key, ':', 1), sum(n)::int, max(split_part(key, ':', 2)::int)
               FROM (SELECT t.programme_id, t.key, sum(t.households) AS n
                       FROM household_tally t JOIN housing_programme p ON p.id = t.programme_id
                      WHERE p.housing_bureau = $3 AND t.kind = 'waiting-bureau' AND t.households <> 0
                      GROUP BY 1, 2 HAVING sum(t.households) > 0) k GROUP BY 1, 2)
           SELECT w.*, p.name, p.stage_deadlines->>w.stage, p.ladder FROM w JOIN housing_programme p ON p.id = w.programme_id`,
          () => [`${path}%`, kind, code],
        ),
      );

    const dashboards: Array<{ name: string; api: () => Promise<unknown>; sql: () => Promise<unknown> }> = [
      {
        name: 'programme progress (whole programme)',
        api: get(`/housing/programmes/${programme.id}/progress`, command.token),
        sql: all(
          sql(
            `SELECT t.kind, CASE WHEN t.kind = 'progress-day' THEN '' ELSE t.key END, t.township, u.name, sum(t.households)::int
               FROM household_tally t JOIN unit u ON u.code = t.township
              WHERE t.programme_id = $1 AND t.households <> 0
                AND (t.kind IN ('stage', 'escalation') OR (t.kind = 'progress-day' AND t.key < $2))
              GROUP BY 1, 2, 3, 4 HAVING sum(t.households) <> 0`,
            () => [programme.id, dayOf(stallThreshold())],
          ),
          sql(
            `SELECT count(*)::int FROM household
              WHERE programme_id = $1 AND stage NOT IN ('moved-in', 'withdrawn') AND last_progress_at >= $2 AND last_progress_at < $3`,
            () => {
              const threshold = stallThreshold();
              return [programme.id, cstDayStart(dayOf(threshold)), threshold];
            },
          ),
        ),
      },
      {
        name: 'monthly report',
        api: get(`/housing/report?programme=${programme.id}&month=${month}`, command.token),
        sql: sql(
          `SELECT t.township, u.name,
                  sum(t.households) FILTER (WHERE t.kind = 'households')::int,
                  sum(t.households) FILTER (WHERE t.kind = 'started' AND t.key = $2)::int,
                  sum(t.households) FILTER (WHERE t.kind = 'started')::int,
                  sum(t.households) FILTER (WHERE t.kind = 'completed' AND t.key = $2)::int,
                  sum(t.households) FILTER (WHERE t.kind = 'completed')::int,
                  sum(t.households) FILTER (WHERE t.kind = 'registered-poor')::int
             FROM household_tally t JOIN unit u ON u.code = t.township
            WHERE t.programme_id = $1 AND t.households <> 0
              AND (t.kind IN ('households', 'registered-poor') OR (t.kind IN ('started', 'completed') AND t.key <= $2))
            GROUP BY 1, 2 ORDER BY 1`,
          () => [programme.id, month],
        ),
      },
      {
        name: 'unit to-do: a township',
        api: get(`/units/t1/tasks`, township.token),
        sql: todoSql('t1', t1Path, 'waiting-township'),
      },
      {
        name: 'unit to-do: the housing bureau',
        api: get(`/units/zjj/tasks`, bureau.token),
        sql: todoSql('zjj', await pathOf('zjj'), '-'),
      },
      {
        name: 'items: open, overdue, of a unit (command center)',
        api: get(`/rectifications?ledger=${ledger.id}&unit=b1&overdue=true`, command.token),
        sql: itemPage(
          `i.ledger_id = $1 AND i.responsible_unit_path LIKE $2 AND (i.status <> 'closed' AND i.paused_since IS NULL
             AND i.full_deadline + i.paused_ms * interval '1 millisecond' < now())`,
          () => [ledger.id, `${b1Path}%`],
        ),
      },
      {
        name: 'items: a department’s own, rectifying',
        api: get(`/rectifications?status=rectifying`, b1.token),
        sql: itemPage(
          `(i.responsible_unit_path LIKE $1 OR i.verifier_id = $2 OR i.responsible_person_id = $2) AND i.status = 'rectifying'`,
          () => [`${b1Path}%`, b1.id],
        ),
      },
      {
        name: 'items: escalated to level 2, all units',
        api: get(`/rectifications?level=2`, command.token),
        sql: itemPage(`i.escalation_level = $1`, () => [2]),
      },
      {
        name: 'campaign progress (50 tasks)',
        api: get(`/campaigns/${campaign}/progress`, command.token),
        sql: all(
          sql(
            `SELECT key, parent_key, ord, name, lead_unit, cooperating_units, is_group, status, deadline,
                    original_deadline, target_quantity, target_unit, quantity_done, percent_done,
                    linked_ledger_id, linked_programme_id, escalation_level, behind_pace, submitted_at,
                    accepted_at, closed_at, paused_ms, paused_since
               FROM campaign_task WHERE campaign_id = $1 ORDER BY ord`,
            () => [campaign],
          ),
          sql(
            `SELECT ledger_id, count(*) FILTER (WHERE status = 'closed')::int, count(*)::int
               FROM rectification_item WHERE ledger_id = ANY($1) GROUP BY ledger_id`,
            () => [[ledger.id]],
          ),
          sql(
            `SELECT programme_id, sum(households) FILTER (WHERE stage = 'moved-in')::int,
                    sum(households) FILTER (WHERE stage <> 'withdrawn')::int
               FROM household_stage_count WHERE programme_id = ANY($1) GROUP BY programme_id`,
            () => [programmes.map((p) => p.id)],
          ),
        ),
      },
      {
        name: 'a one-row list (fixed API overhead)',
        api: get(`/rectifications?ledger=${single.id}`, command.token),
        sql: itemPage(`i.ledger_id = $1`, () => [single.id]),
      },
    ];

    const oneRow = dashboards.find((d) => d.name.startsWith('a one-row list'))!;
    const rows: string[][] = [];
    const results: Array<{ name: string; api: Load; sql: Load }> = [];
    const loadAtStart = os.loadavg()[0];
    const [stolenAtStart, measuringSince] = [stolenCpuSeconds(), Date.now()];
    // BENCH_ONLY: measure only the dashboards whose name contains it (e.g. to profile one of them).
    const only = process.env.BENCH_ONLY;
    for (const dashboard of dashboards.filter((d) => !only || d.name.includes(only))) {
      process.stdout.write(`  measuring ${dashboard.name} …\n`);
      const viaApi = await load(dashboard.api, system.pids);
      const direct = await load(dashboard.sql, { postgres: system.pids.postgres });
      results.push({ name: dashboard.name, api: viaApi, sql: direct });
    }
    // The fixed overhead without queueing: one client, requests one after another, API against SQL.
    process.stdout.write(`  measuring a one-row list with one client …\n`);
    const overhead = {
      api: await load(oneRow.api, system.pids, { clients: 1 }),
      sql: await load(oneRow.sql, { postgres: system.pids.postgres }, { clients: 1 }),
      viaFetch: await load(fetchGet(`/rectifications?ledger=${single.id}`, command.token), system.pids, {
        clients: 1,
      }),
      paired: await pairedOverhead(oneRow.api, oneRow.sql, system.pids),
    };
    const ms = (v: number) => v.toFixed(1);
    const cpu = (v: number | undefined) => v?.toFixed(2) ?? '?';
    for (const r of results)
      rows.push([
        r.name,
        `${ms(r.api.p50)} / ${ms(r.api.p95)} ms, ${Math.round(r.api.perSecond)}/s`,
        `${ms(r.sql.p50)} / ${ms(r.sql.p95)} ms, ${Math.round(r.sql.perSecond)}/s`,
        `${(r.api.p50 / r.sql.p50).toFixed(2)}× / ${(r.api.p95 / r.sql.p95).toFixed(2)}×`,
        `${r.api.cpuMs!.toFixed(2)} ms`,
        `${r.api.clientCpuMs.toFixed(2)} / ${r.sql.clientCpuMs.toFixed(2)} ms`,
        `${cpu(r.api.postgresCpuMs)} / ${cpu(r.sql.postgresCpuMs)} ms`,
        `${cpu(cpuPerAnswer(r.api))} / ${cpu(cpuPerAnswer(r.sql))} ms`,
        `${cpu(apiCpuWithin(1.5, r))} ms`,
      ]);

    // What a cache in the access guard could save: its one lookup (session, person, unit) alone.
    const [session] = (
      await pool.query<{ session_id: string; user_id: string }>(
        `SELECT session_id, user_id FROM refresh_token WHERE user_id = $1 AND revoked_at IS NULL LIMIT 1`,
        [command.id],
      )
    ).rows;
    const guardLookup = await load(
      sql(
        `SELECT u.id, u.username, u.display_name, u.unit_code, n.path, u.roles, u.must_change_password
           FROM app_user u JOIN unit n ON n.code = u.unit_code
          WHERE u.id = $1 AND u.active AND EXISTS (
            SELECT 1 FROM refresh_token r
             WHERE r.session_id = $2 AND r.user_id = $1 AND r.revoked_at IS NULL AND r.expires_at > now())`,
        () => [session.user_id, session.session_id],
      ),
    );

    // A bulletin of the whole ledger, published now over HTTP, beside the statement that computes its
    // figures and lists (every count per unit, the capped lists, the names they mention) run alone:
    // what a publication adds to it is its transaction (number, stamp, the stored payload, the audit
    // entry) and the HTTP request.
    // One of each in turn, BULLETIN_RUNS times, so that the three meet the same load.
    const [publish, groupBy, bareGroupBy]: number[][] = [[], [], []];
    for (let i = 0; i < BULLETIN_RUNS; i++) {
      publish.push(
        (await timed(() => call(api, 'POST', `/ledgers/${ledger.id}/bulletins`, command.token)))[1],
      );
      groupBy.push(
        (
          await timed(() =>
            pool.query(BulletinQueries.AGGREGATES_STATEMENT, [ledger.id, new Date(), criticismLevelOf()]),
          )
        )[1],
      );
      // for scale: a bare GROUP BY of five of its counts (what this line compared with before)
      bareGroupBy.push(
        (
          await timed(() =>
            pool.query(
              `SELECT responsible_unit, count(*), count(*) FILTER (WHERE status = 'closed'),
                      count(*) FILTER (WHERE status <> 'closed' AND paused_since IS NULL
                        AND full_deadline + paused_ms * interval '1 millisecond' < now()),
                      count(*) FILTER (WHERE reopen_count > 0), count(*) FILTER (WHERE repeat_of IS NOT NULL)
                 FROM rectification_item WHERE ledger_id = $1 GROUP BY 1`,
              [ledger.id],
            ),
          )
        )[1],
      );
    }
    const bulletinBytes = (
      await dataSource.query<Array<{ bytes: number }>>(
        `SELECT octet_length(payload::text) AS bytes FROM bulletin WHERE ledger_id = $1 ORDER BY number DESC LIMIT 1`,
        [ledger.id],
      )
    )[0].bytes;

    const [reconciliation, reconcileMs] = await timed(() => reconcileHouseholdCounters(dataSource.manager));

    console.log(
      `\ndashboards benchmark: ${HOUSEHOLDS.toLocaleString('en')} households, ${ITEMS.toLocaleString('en')} items, 50-task campaign; ${CLIENTS} clients, ${SECONDS} s each`,
    );
    console.log(
      `  seeding: households ${(householdsMs / 1000).toFixed(1)} s, items ${(itemsMs / 1000).toFixed(1)} s`,
    );
    const header = [
      'dashboard',
      'API p50 / p95, req/s',
      'best SQL p50 / p95, req/s',
      'API ÷ SQL p50 / p95',
      'API CPU per request',
      'client CPU per call, API / SQL',
      'Postgres CPU per call, API / SQL',
      'all three, API / SQL',
      'API CPU that 1.5× would leave',
    ];
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
    for (const row of [header, ...rows])
      console.log(`  ${row.map((c, i) => c.padEnd(widths[i])).join('  ')}`);
    console.log(
      `  fixed API overhead on a one-row list, one client (sequential requests): API p50 ${overhead.api.p50.toFixed(2)} ms − SQL p50 ${overhead.sql.p50.toFixed(2)} ms = ${(overhead.api.p50 - overhead.sql.p50).toFixed(2)} ms; the API process's CPU per request ${overhead.api.cpuMs!.toFixed(2)} ms, the client's ${overhead.api.clientCpuMs.toFixed(2)} ms, Postgres's ${cpu(overhead.api.postgresCpuMs)} ms (${cpu(overhead.sql.postgresCpuMs)} ms per call of the SQL alone)`,
    );
    const paired = overhead.paired;
    console.log(
      `  the same in ${paired.length} paired rounds (0.5 s of the API, then 0.5 s of the SQL): API p50 − SQL p50 median ${percentile(paired, 0.5).toFixed(2)} ms, rounds ${paired[0].toFixed(2)}–${paired[paired.length - 1].toFixed(2)} ms`,
    );
    console.log(
      `  the same with Node's fetch as the client: API p50 ${overhead.viaFetch.p50.toFixed(2)} ms − SQL p50 ${overhead.sql.p50.toFixed(2)} ms = ${(overhead.viaFetch.p50 - overhead.sql.p50).toFixed(2)} ms; the client's CPU per request ${overhead.viaFetch.clientCpuMs.toFixed(2)} ms`,
    );
    console.log(
      `  the access guard's one lookup (session, person, unit) run alone by 8 clients: p50 ${ms(guardLookup.p50)} ms`,
    );
    console.log(
      `  load average (1 min) at the start / end of the measurements: ${loadAtStart.toFixed(1)} / ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores`,
    );
    // On a shared virtual machine the figures move with what the host takes: say how much it took.
    console.log(
      `  CPU time the host took (steal) during the measurements: ${stolenShare(stolenAtStart, stolenCpuSeconds(), Date.now() - measuringSince)}`,
    );
    console.log(
      `  bulletin of ${ITEMS.toLocaleString('en')} items (${BULLETIN_RUNS} runs): publish p50 ${ms(percentile(publish, 0.5))} ms, its figures' statement p50 ${ms(percentile(groupBy, 0.5))} ms (${(percentile(publish, 0.5) / percentile(groupBy, 0.5)).toFixed(1)}×; a bare GROUP BY of five counts ${ms(percentile(bareGroupBy, 0.5))} ms), payload ${(bulletinBytes / 1024).toFixed(1)} KiB`,
    );
    console.log(
      `  counters reconciled with the rows: ${reconciliation.counters.toLocaleString('en')} counters, ${reconciliation.drift.length} differ (${ms(reconcileMs)} ms)`,
    );
    for (const [name, value] of [temporalFigure(system), ...memoryFigures(system)])
      console.log(`  ${name}: ${value}`);
    if (reconciliation.drift.length > 0) console.log(reconciliation.drift.slice(0, 10));
  } finally {
    await pool.end();
    await http.close();
    await dataSource.destroy();
    await system.stop();
  }
}

/** A launched campaign of 10 task groups of 4 sub-tasks, some linked to the ledger and the programmes. */
async function launchCampaign(
  api: string,
  token: string,
  ledgerId: string,
  programmes: SeedProgramme[],
): Promise<string> {
  const start = cstDate(new Date());
  const end = cstDate(new Date(Date.now() + 99 * DAY));
  const leads = Array.from({ length: 10 }, (_, g) => `b${g + 1}`);
  const tasks = leads.map((lead, g) => ({
    key: `T${g + 1}`,
    name: `重点任务${g + 1}`,
    lead,
    cooperating: ['t1'],
    deadline: end,
    subtasks: Array.from({ length: 4 }, (_, s) => ({
      key: `T${g + 1}.${s + 1}`,
      name: `重点任务${g + 1}之${s + 1}`,
      deadline: cstDate(new Date(Date.now() + (30 + g * 5 + s) * DAY)),
      ...(s === 0 ? { measure: { ledger: ledgerId } } : {}),
      ...(s === 1 ? { measure: { programme: programmes[g % programmes.length].id } } : {}),
      ...(s === 2 ? { target: { quantity: 1000, unit: '人' } } : {}),
    })),
  }));
  const campaign = await call<{ id: string }>(api, 'POST', '/campaigns', token, {
    name: '基准测试攻坚行动',
    window: { start, end },
    goals: [{ key: 'G1', name: '任务完成率', target: 100, unit: '%', tasks: tasks.map((t) => t.key) }],
    tasks,
  });
  await call(api, 'POST', `/campaigns/${campaign.id}/launch`, token);
  for (let i = 0; i < 600; i++) {
    const progress = await call<{ tasks: unknown[] }>(
      api,
      'GET',
      `/campaigns/${campaign.id}/progress`,
      token,
    );
    if (progress.tasks.length === 50) return campaign.id;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('the campaign did not list its 50 tasks');
}

runBenchmark(main);
