import { Client } from 'pg';
import { buildOpenApiDocument } from '../apps/api/src/openapi-document';
import { addCampaignFixture } from './support/campaign-fixture';
import { addHousingFixture } from './support/housing-fixture';
import { addRectificationFixture, createOrgFixture, OrgFixture } from './support/org-fixture';
import { listRoutes } from './support/routes';
import { startTestSystem, TestSystem } from './support/test-system';

/**
 * Malformed input to every POST, PUT, PATCH and DELETE route of the OpenAPI document: wrong types,
 * null, NUL and lone surrogates, bad dates and durations, missing and extra fields, huge and deep
 * bodies, non-JSON and wrongly typed bodies, corrupt uploads, on real and implausible ids. Every
 * answer must be a 4xx (never a 5xx), and nothing may be written. Deterministic (seeded), bounded.
 */

interface Schema {
  type?: string;
  format?: string;
  enum?: unknown[];
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  example?: unknown;
  nullable?: boolean;
  $ref?: string;
  allOf?: Schema[];
  oneOf?: Schema[];
}
interface Operation {
  parameters?: Array<{ name: string; in: string; schema?: Schema }>;
  requestBody?: { content: Record<string, { schema: Schema }> };
  security?: unknown[];
}
interface Probe {
  route: string;
  path: string;
  what: string;
  send: (request: import('supertest').Test) => import('supertest').Test;
}

/** mulberry32: the same sequence on every run. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ROLE_PREFERENCE = ['command-center', 'department', 'admin', 'leadership', 'inspector'] as const;
const UNKNOWN_ID = '7d1e5a3c-0b9f-4e2a-9c61-3f0d8b2a4e11';
const IMPLAUSIBLE_IDS = ['not-an-id', '%00', '%ED%A0%80', '99999999999999999999', '-1', '%2e%2e'];
const BAD_DATES = ['2019-02-30', '9999-99-99', 'yesterday', '2019-13-01T25:61:00Z', '1e999', ''];
const BAD_DURATIONS = ['P', 'P1X', '-P1D', 'PT', 'P99999999999999999999Y', 'P1D\u0000'];
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.from([0x90, 0, 3, 0, 0, 0, 4, 0]), Buffer.alloc(64)]);

const deep = (levels: number): unknown => {
  let value: unknown = 'x';
  for (let i = 0; i < levels; i += 1) value = { a: value };
  return value;
};

/**
 * Operational tables that every request may touch, refused or not: rate-limit counters count
 * attempts by design. Everything else (data, audit trail, idempotency records) must stay as it was.
 */
const COUNTS_ATTEMPTS = new Set(['throttle_hit']);

/** Every row count of every table and the audit trail's length: what a refused request leaves alone. */
async function fingerprint(databaseUrl: string): Promise<Record<string, number>> {
  const pg = new Client({ connectionString: databaseUrl });
  await pg.connect();
  try {
    const { rows: tables } = await pg.query<{ name: string }>(
      `SELECT table_name AS name FROM information_schema.tables
       WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
    );
    const counts: Record<string, number> = {};
    for (const { name } of tables.filter((table) => !COUNTS_ATTEMPTS.has(table.name))) {
      const { rows } = await pg.query<{ n: string }>(`SELECT count(*) AS n FROM "${name}"`);
      counts[name] = Number(rows[0].n);
    }
    return counts;
  } finally {
    await pg.end();
  }
}

describe('malformed input to every command route', () => {
  let system: TestSystem;
  let f: OrgFixture;
  let document: {
    paths: Record<string, Record<string, Operation>>;
    components: { schemas: Record<string, Schema> };
  };
  let roles: Record<string, string[] | undefined>;

  beforeAll(async () => {
    system = await startTestSystem();
    f = await createOrgFixture(system);
    await addRectificationFixture(system, f);
    const housing = await addHousingFixture(system, f);
    f.objects.programme = housing.programme;
    f.objects.householdA = housing.households['H-A1'];
    await addCampaignFixture(system, f);
    document = buildOpenApiDocument(system.api) as unknown as typeof document;
    roles = Object.fromEntries(listRoutes(system.api).map((r) => [r.key, r.isPublic ? [] : r.roles]));
  });
  afterAll(async () => {
    await system?.close();
  });

  const resolve = (schema: Schema | undefined): Schema => {
    if (!schema) return {};
    if (schema.$ref) return resolve(document.components.schemas[schema.$ref.split('/').pop()!]);
    if (schema.allOf?.length) return resolve(schema.allOf[0]);
    return schema;
  };

  /** A value a client might plausibly send for the schema (not necessarily one the API accepts). */
  const plausible = (raw: Schema | undefined, name: string, depth = 0): unknown => {
    const schema = resolve(raw);
    if (schema.example !== undefined) return schema.example;
    if (schema.enum?.length) return schema.enum[0];
    switch (schema.type) {
      case 'integer':
      case 'number':
        return 1;
      case 'boolean':
        return true;
      case 'array':
        return depth > 3 ? [] : [plausible(schema.items, name, depth + 1)];
      case 'object':
        return depth > 3
          ? {}
          : Object.fromEntries(
              (schema.required ?? []).map((key) => [
                key,
                plausible(schema.properties?.[key], key, depth + 1),
              ]),
            );
      default:
        if (schema.format === 'uuid' || /Id$/.test(name)) return f.ids.deptA;
        if (schema.format === 'date' || /deadline|date|Date|On$/.test(name)) return '2026-12-31';
        if (schema.format === 'date-time' || /At$/.test(name)) return '2026-12-31T08:00:00.000Z';
        return '整改';
    }
  };

  /**
   * Bad values for one property. Null only where it cannot mean "absent": a required property, or
   * any property of a PATCH (null there would overwrite). Bad dates only for date fields, bad
   * durations only for duration fields (in a text field they are text).
   */
  const badValues = (raw: Schema | undefined, name: string, nullIsBad: boolean): Array<[string, unknown]> => {
    const schema = resolve(raw);
    const wrongType: unknown =
      schema.type === 'string' || schema.type === undefined ? { not: 'a string' } : 'x';
    const values: Array<[string, unknown]> = [
      ['wrong type', wrongType],
      ['an array', [1, [2]]],
      ['NUL', 'x\u0000y'],
      ['lone surrogate', 'x\ud800'],
      ['NUL in an array', ['\u0000']],
      ['NUL in a key', { 'k\u0000': 'v' }],
    ];
    if (schema.type !== 'number' && schema.type !== 'integer') values.push(['a number', 12345]);
    if (nullIsBad && !schema.nullable) values.push(['null', null]);
    const example = typeof schema.example === 'string' ? schema.example : '';
    const isDate =
      schema.format === 'date' ||
      schema.format === 'date-time' ||
      /^\d{4}-\d{2}-\d{2}/.test(example) ||
      /deadline|Date$|At$|On$|^date$|^day$|^start$|^end$/.test(name);
    const isDuration = /^-?P/.test(example) || /every|within|after|before|duration|stall|jitter/i.test(name);
    if (isDate) for (const date of BAD_DATES) values.push([`bad date ${JSON.stringify(date)}`, date]);
    if (isDuration)
      for (const duration of BAD_DURATIONS)
        values.push([`bad duration ${JSON.stringify(duration)}`, duration]);
    if (schema.type === 'integer' || schema.type === 'number')
      values.push(['huge number', 1e308], ['NaN text', 'NaN']);
    if (schema.type === 'integer') values.push(['fraction', 0.5]);
    if (schema.type === 'array') values.push(['long array', Array.from({ length: 5000 }, () => 'x')]);
    return values;
  };

  /** Values for a path parameter: the fixture's real object for the route, then implausible ones. */
  const paramValues = (route: string, name: string): string[] => {
    const real =
      name === 'key'
        ? 'TA'
        : name === 'year'
          ? '2026'
          : name === 'code'
            ? 'tA'
            : name === 'tokenId'
              ? UNKNOWN_ID
              : name === 'ledgerId' || route.startsWith('/api/ledgers/')
                ? f.objects.ledger
                : route.startsWith('/api/users/')
                  ? f.ids.villageA
                  : route.startsWith('/api/rectifications/')
                    ? f.objects.item
                    : route.startsWith('/api/housing/programmes/')
                      ? f.objects.programme
                      : route.startsWith('/api/housing/households/')
                        ? f.objects.householdA
                        : route.startsWith('/api/campaigns/')
                          ? f.objects.campaign
                          : UNKNOWN_ID;
    return [real, ...IMPLAUSIBLE_IDS];
  };

  const authFor = (key: string): string | undefined => {
    const declared = roles[key];
    if (declared === undefined || declared.length === 0) return undefined;
    const role = ROLE_PREFERENCE.find((r) => declared.includes(r)) ?? declared[0];
    const person = {
      'command-center': 'command',
      department: 'deptA',
      leadership: 'leader',
      inspector: 'inspector',
    }[role] as keyof OrgFixture['auth'] | undefined;
    return person ? f.auth[person] : system.adminAuth;
  };

  function probes(): Probe[] {
    const random = seeded(20261130);
    const list: Probe[] = [];
    for (const [template, operations] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        if (!['post', 'put', 'patch', 'delete'].includes(method)) continue;
        const route = template.replace(/\{(\w+)\}/g, ':$1');
        const key = `${method.toUpperCase()} ${route}`;
        const names = [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
        const fill = (pick: (name: string) => string) =>
          template.replace(/\{(\w+)\}/g, (_, name: string) => pick(name));
        const realPath = fill((name) => paramValues(route, name)[0]);
        const content = operation.requestBody?.content ?? {};
        const multipart = 'multipart/form-data' in content;
        const schema = resolve(content['application/json']?.schema);
        const properties = schema.properties ?? {};
        const required = schema.required ?? [];
        const base = () =>
          Object.fromEntries(required.map((name) => [name, plausible(properties[name], name)])) as Record<
            string,
            unknown
          >;
        const json = (path: string, what: string, body: unknown): Probe => ({
          route: key,
          path,
          what,
          send: (request) => request.set('Content-Type', 'application/json').send(JSON.stringify(body)),
        });
        const raw = (path: string, what: string, type: string, body: string | Buffer): Probe => ({
          route: key,
          path,
          what,
          send: (request) => request.set('Content-Type', type).send(body),
        });
        const upload = (
          path: string,
          what: string,
          fileName: string,
          bytes: Buffer,
          type: string,
        ): Probe => ({
          route: key,
          path,
          what,
          send: (request) => request.attach('file', bytes, { filename: fileName, contentType: type }),
        });

        // Implausible ids in every path parameter, each with a few bodies.
        for (const name of names) {
          for (const id of IMPLAUSIBLE_IDS) {
            const path = fill((n) => (n === name ? id : paramValues(route, n)[0]));
            list.push(json(path, `${name}=${id}, NUL body`, { note: 'x\u0000' }));
            if (!multipart && Object.keys(properties).length > 0)
              list.push(json(path, `${name}=${id}, plausible body`, base()));
          }
        }
        // Bodies every route must refuse.
        list.push(raw(realPath, 'non-JSON body', 'application/json', '{"note": "x",'));
        list.push(raw(realPath, 'JSON as text/plain', 'text/plain', '{"note":"x"}'));
        list.push(raw(realPath, 'form body', 'application/x-www-form-urlencoded', 'note=x&b=%00'));
        list.push(
          raw(realPath, 'huge body', 'application/json', JSON.stringify({ note: 'x'.repeat(1200 * 1024) })),
        );
        list.push(json(realPath, 'nested 41 deep', deep(41)));
        list.push(
          raw(
            realPath,
            'nested 5000 deep',
            'application/json',
            `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`,
          ),
        );
        list.push(json(realPath, 'array body', [1, 2, 3]));
        list.push(json(realPath, 'string body', 'x'));
        list.push(json(realPath, 'null body', null));
        if (multipart) {
          list.push(upload(realPath, 'EXE named .png', 'photo.png', EXE, 'image/png'));
          list.push(
            upload(
              realPath,
              'corrupt xlsx',
              'table.xlsx',
              Buffer.from('PK\u0003\u0004garbage'),
              'application/octet-stream',
            ),
          );
          list.push(upload(realPath, 'binary csv', 'table.csv', EXE, 'text/csv'));
          list.push(
            upload(realPath, 'NUL in csv', 'table.csv', Buffer.from('code,name\nx\u0000,y\n'), 'text/csv'),
          );
          list.push(upload(realPath, 'NUL in file name', 'ph\u0000oto.png', PNG, 'image/png'));
          // (A lone surrogate cannot reach a multipart file name: the client encodes it as U+FFFD.)
          list.push(upload(realPath, 'unknown type', 'run.exe', EXE, 'application/x-msdownload'));
          list.push(json(realPath, 'JSON instead of multipart', { file: 'x' }));
          list.push({
            route: key,
            path: realPath,
            what: 'NUL in a multipart text field',
            send: (request) => request.field('note', 'x\u0000').attach('file', PNG, 'photo.png'),
          });
          continue;
        }
        if (Object.keys(properties).length === 0) continue;
        if (required.length > 0) list.push(json(realPath, 'empty body', {}));
        for (const name of required) {
          const body = base();
          delete body[name];
          list.push(json(realPath, `missing ${name}`, body));
        }
        list.push(json(realPath, 'extra field', { ...base(), unexpected: 1 }));
        for (const [name, property] of Object.entries(properties)) {
          for (const [what, value] of badValues(
            property,
            name,
            method === 'patch' || required.includes(name),
          )) {
            list.push(json(realPath, `${name}: ${what}`, { ...base(), [name]: value }));
          }
          list.push(
            json(realPath, `${name}: huge string`, {
              ...base(),
              [name]: 'x'.repeat(200_000 + Math.floor(random() * 1000)),
            }),
          );
          list.push(json(realPath, `${name}: deep value`, { ...base(), [name]: deep(40) }));
        }
      }
    }
    return list;
  }

  it('answers every malformed request with a 4xx in the error shape, and writes nothing', async () => {
    const list = probes();
    expect(list.length).toBeGreaterThan(500);
    expect(list.length).toBeLessThan(6000);
    const before = await fingerprint(system.databaseUrl);
    const failures: string[] = [];
    for (const probe of list) {
      const method = probe.route.split(' ')[0].toLowerCase() as 'post' | 'put' | 'patch' | 'delete';
      let request = system.http()[method](probe.path);
      const auth = authFor(probe.route);
      if (auth) request = request.set('Authorization', auth);
      const response = await probe
        .send(request)
        .timeout(15_000)
        .catch((error: Error) => ({
          status: 599,
          body: { error: error.message },
        }));
      const body = response.body as { statusCode?: number; code?: string } | undefined;
      const shaped = typeof body?.code === 'string' && body.statusCode === response.status;
      if (response.status >= 500 || response.status < 400 || !shaped) {
        failures.push(
          `${probe.route} ${probe.path.slice(0, 120)} [${probe.what}] → ${response.status} ${JSON.stringify(response.body).slice(0, 300)}`,
        );
      }
    }
    const after = await fingerprint(system.databaseUrl);
    const written = Object.keys(after).filter((table) => after[table] !== before[table]);
    if (failures.length > 0 || written.length > 0) {
      console.log(
        `${failures.length} of ${list.length} answers not a shaped 4xx:\n${failures.join('\n')}\n` +
          `tables written: ${written.map((t) => `${t} ${before[t]}→${after[t]}`).join(', ')}`,
      );
    }
    expect({ failures: failures.length, written }).toEqual({ failures: 0, written: [] });
  }, 600_000);
});
