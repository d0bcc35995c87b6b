import { Client } from 'pg';
import { auditEntryHash } from '../libs/database/src/audit/audit-hash';
import { startTestSystem, TestSystem } from './support/test-system';

const HASH = /^[0-9a-f]{64}$/;

/** Runs `work` on a direct connection as the test Postgres superuser (not through the API). */
async function withPg<T>(databaseUrl: string, work: (pg: Client) => Promise<T>): Promise<T> {
  const pg = new Client({ connectionString: databaseUrl });
  await pg.connect();
  try {
    return await work(pg);
  } finally {
    await pg.end();
  }
}

async function count(databaseUrl: string, table: 'audit_entry' | 'unit'): Promise<number> {
  return withPg(databaseUrl, async (pg) => {
    const { rows } = await pg.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`);
    return Number(rows[0].n);
  });
}

/** Changes the trail behind the trigger's back, as someone with the database's superuser could. */
async function tamper(databaseUrl: string, sql: string, params: unknown[] = []): Promise<void> {
  await withPg(databaseUrl, async (pg) => {
    await pg.query('SET session_replication_role = replica');
    const result = await pg.query(sql, params);
    expect(result.rowCount).toBe(1);
  });
}

async function verify(system: TestSystem) {
  const response = await system
    .http()
    .get('/api/audit/verify')
    .set('Authorization', system.adminAuth)
    .expect(200);
  return response.body as {
    intact: boolean;
    entries: number;
    lastHash?: string;
    brokenAt?: number;
    problem?: string;
  };
}

async function createUnit(system: TestSystem, body: Record<string, unknown>, status = 201) {
  return system.http().post('/api/units').set('Authorization', system.adminAuth).send(body).expect(status);
}

describe('the audit trail of unit changes', () => {
  let system: TestSystem;

  beforeAll(async () => {
    system = await startTestSystem({ withWorker: false });
  });
  afterAll(async () => {
    await system?.close();
  });

  it('starts with the two entries of the first admin, in an intact chain', async () => {
    const verdict = await verify(system);
    expect(verdict).toEqual({ intact: true, entries: 2, lastHash: expect.stringMatching(HASH) });
    const history = await system
      .http()
      .get('/api/audit?subject=unit:system')
      .set('Authorization', system.adminAuth)
      .expect(200);
    expect(history.body).toMatchObject({
      total: 1,
      items: [{ seq: 1, action: 'unit.created', actorId: 'system:api', before: null, reason: null }],
    });
  });

  it('records who created and updated a unit, what changed and why, oldest first', async () => {
    const me = await system.http().get('/api/users/me').set('Authorization', system.adminAuth).expect(200);
    await createUnit(system, { code: 'audit-county', name: '某县', kind: 'county' });
    await createUnit(system, { code: 'audit-other', name: '别的县', kind: 'county' });
    await system
      .http()
      .patch('/api/units/audit-county')
      .set('Authorization', system.adminAuth)
      .send({ name: '某区', kind: 'city', reason: '撤县设区' })
      .expect(200);

    const response = await system
      .http()
      .get('/api/audit?subject=unit:audit-county')
      .set('Authorization', system.adminAuth)
      .expect(200);
    const { total, items } = response.body;
    expect(total).toBe(2);
    const actor = {
      actorId: `user:${me.body.id}`,
      actorName: expect.stringContaining('系统管理员'),
      actorUnit: 'system',
      actorRoles: ['admin'],
    };
    expect(items).toEqual([
      {
        ...actor,
        seq: 3,
        occurredAt: expect.any(String),
        action: 'unit.created',
        subject: 'unit:audit-county',
        before: null,
        after: { code: 'audit-county', name: '某县', kind: 'county', parentCode: null },
        reason: null,
        hash: expect.stringMatching(HASH),
      },
      {
        ...actor,
        seq: 5,
        occurredAt: expect.any(String),
        action: 'unit.updated',
        subject: 'unit:audit-county',
        before: { code: 'audit-county', name: '某县', kind: 'county', parentCode: null },
        after: { code: 'audit-county', name: '某区', kind: 'city', parentCode: null },
        reason: '撤县设区',
        hash: expect.stringMatching(HASH),
      },
    ]);
    expect(items[0].actorName).toContain('admin');
    expect(Date.parse(items[1].occurredAt)).toBeGreaterThanOrEqual(Date.parse(items[0].occurredAt));

    // The newest entry is the head of the chain.
    expect(await verify(system)).toEqual({ intact: true, entries: 5, lastHash: items[1].hash });
  });

  it('records a move with the old and the new parent', async () => {
    await createUnit(system, {
      code: 'audit-bureau',
      name: '住建局',
      kind: 'bureau',
      parentCode: 'audit-county',
    });
    await system
      .http()
      .patch('/api/units/audit-bureau')
      .set('Authorization', system.adminAuth)
      .send({ parentCode: 'audit-other', reason: '划转' })
      .expect(200);
    const response = await system
      .http()
      .get('/api/audit?subject=unit:audit-bureau')
      .set('Authorization', system.adminAuth)
      .expect(200);
    expect(response.body.items.map((e: { action: string }) => e.action)).toEqual([
      'unit.created',
      'unit.updated',
    ]);
    expect(response.body.items[1]).toMatchObject({
      before: { parentCode: 'audit-county' },
      after: { parentCode: 'audit-other' },
      reason: '划转',
    });
  });

  it('pages a history, still oldest first', async () => {
    const page = (n: number) =>
      system
        .http()
        .get(`/api/audit?subject=unit:audit-county&page=${n}&pageSize=1`)
        .set('Authorization', system.adminAuth)
        .expect(200);
    expect((await page(1)).body).toMatchObject({ total: 2, items: [{ action: 'unit.created' }] });
    expect((await page(2)).body).toMatchObject({ total: 2, items: [{ action: 'unit.updated' }] });
    expect((await page(3)).body).toEqual({ total: 2, items: [] });
  });

  it('gives an empty history for an object nothing happened to', async () => {
    const response = await system
      .http()
      .get('/api/audit?subject=unit:never-existed')
      .set('Authorization', system.adminAuth)
      .expect(200);
    expect(response.body).toEqual({ total: 0, items: [] });
  });

  it('answers a malformed or missing subject with a 400 naming the field', async () => {
    for (const url of ['/api/audit?subject=nocolon', '/api/audit?subject=unit:', '/api/audit']) {
      const response = await system.http().get(url).set('Authorization', system.adminAuth).expect(400);
      expect(response.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
      expect(response.body.details).toEqual(
        expect.arrayContaining([{ field: 'subject', problems: [expect.stringContaining('<type>:<id>')] }]),
      );
    }
  });

  it('shows the trail to no one who has not signed in', async () => {
    await system.http().get('/api/audit?subject=unit:system').expect(401);
    await system.http().get('/api/audit/verify').expect(401);
  });

  it('shows history to every reading role but lets only admin and leadership verify the chain', async () => {
    const users = [
      { username: 'leader1', roles: ['leadership'], verify: 200 },
      { username: 'inspector1', roles: ['inspector'], verify: 403 },
      { username: 'command1', roles: ['command-center'], verify: 403 },
      { username: 'dept1', roles: ['department'], verify: 403 },
    ];
    for (const { username, roles, verify: status } of users) {
      await system
        .http()
        .post('/api/users')
        .set('Authorization', system.adminAuth)
        .send({
          username,
          displayName: username,
          unitCode: 'audit-county',
          roles,
          password: 'a-long-password-1',
        })
        .expect(201);
      const auth = await system.login(username, 'a-long-password-1');
      await system.http().get('/api/audit/verify').set('Authorization', auth).expect(status);
      const history = await system
        .http()
        .get('/api/audit?subject=unit:audit-county')
        .set('Authorization', auth);
      expect(history.status).toBe(roles[0] === 'department' ? 403 : 200);
    }
  });

  it('is refused UPDATE, DELETE and TRUNCATE by the database, even on a superuser connection', async () => {
    const before = await count(system.databaseUrl, 'audit_entry');
    await withPg(system.databaseUrl, async (pg) => {
      const { rows } = await pg.query<{ rolsuper: boolean }>(
        'SELECT rolsuper FROM pg_roles WHERE rolname = current_user',
      );
      expect(rows).toEqual([{ rolsuper: true }]);
      for (const statement of [
        "UPDATE audit_entry SET reason = 'x' WHERE seq = 3",
        'UPDATE audit_entry SET reason = reason',
        'DELETE FROM audit_entry WHERE seq = 3',
        'DELETE FROM audit_entry',
        'TRUNCATE audit_entry',
      ]) {
        await expect(pg.query(statement)).rejects.toThrow(/append-only/);
      }
    });
    expect(await count(system.databaseUrl, 'audit_entry')).toBe(before);
    expect(await verify(system)).toMatchObject({ intact: true, entries: before });
  });

  it('lets the application role only read and append, and not switch the trigger off', async () => {
    await withPg(system.databaseUrl, async (pg) => {
      await pg.query('SET ROLE campaign_app');
      const { rows } = await pg.query<{ n: string }>('SELECT count(*) AS n FROM audit_entry');
      expect(Number(rows[0].n)).toBeGreaterThan(0);
      for (const statement of [
        "UPDATE audit_entry SET reason = 'x' WHERE seq = 3",
        'DELETE FROM audit_entry WHERE seq = 3',
        'TRUNCATE audit_entry',
        'SET session_replication_role = replica',
      ]) {
        await expect(pg.query(statement)).rejects.toThrow(/permission denied/);
      }
    });
    expect(await verify(system)).toMatchObject({ intact: true });
  });

  it('keeps one unforked chain under concurrent appends', async () => {
    const before = await verify(system);
    const codes = Array.from({ length: 25 }, (_, i) => `audit-parallel-${i}`);
    const responses = await Promise.all(
      codes.map((code) =>
        system
          .http()
          .post('/api/units')
          .set('Authorization', system.adminAuth)
          .send({ code, name: `并发${code}`, kind: 'team' }),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(codes.map(() => 201));

    expect(await verify(system)).toEqual({
      intact: true,
      entries: before.entries + 25,
      lastHash: expect.stringMatching(HASH),
    });
    const rows = await withPg(system.databaseUrl, async (pg) => {
      const result = await pg.query<{ seq: string; prev_hash: string; hash: string; subject: string }>(
        'SELECT seq, prev_hash, hash, subject FROM audit_entry ORDER BY seq',
      );
      return result.rows;
    });
    expect(rows.map((r) => Number(r.seq))).toEqual(rows.map((_, i) => i + 1));
    // Each entry points back to the one before it: no two entries share a predecessor.
    expect(new Set(rows.map((r) => r.prev_hash)).size).toBe(rows.length);
    for (let i = 1; i < rows.length; i++) expect(rows[i].prev_hash).toBe(rows[i - 1].hash);
    // And every unit created got exactly one entry.
    expect(
      rows
        .filter((r) => r.subject.startsWith('unit:audit-parallel-'))
        .map((r) => r.subject)
        .sort(),
    ).toEqual(codes.map((c) => `unit:${c}`).sort());
  });

  it('writes no entry for a change that is refused, and no change without its entry', async () => {
    const [units, entries] = [
      await count(system.databaseUrl, 'unit'),
      await count(system.databaseUrl, 'audit_entry'),
    ];

    const duplicate = await createUnit(system, { code: 'audit-county', name: '重复', kind: 'county' }, 409);
    expect(duplicate.body.code).toBe('UNIT_EXISTS');
    const orphan = await createUnit(
      system,
      { code: 'audit-orphan', name: '无上级', kind: 'team', parentCode: 'no-such-unit' },
      400,
    );
    expect(orphan.body.code).toBe('PARENT_NOT_FOUND');
    const badKind = await createUnit(system, { code: 'audit-bad', name: '坏类型', kind: 'planet' }, 400);
    expect(badKind.body.code).toBe('VALIDATION_FAILED');

    const patch = (code: string, body: Record<string, unknown>, status: number) =>
      system
        .http()
        .patch(`/api/units/${code}`)
        .set('Authorization', system.adminAuth)
        .send(body)
        .expect(status);
    await patch('audit-county', { name: '无理由' }, 400); // the reason is required
    await patch('no-such-unit', { name: '不存在', reason: '测试' }, 404);
    await patch('audit-county', { parentCode: 'no-such-unit', reason: '测试' }, 400);
    const cycle = await patch('audit-other', { parentCode: 'audit-bureau', reason: '成环' }, 409);
    expect(cycle.body.code).toBe('UNIT_CYCLE');

    expect(await count(system.databaseUrl, 'unit')).toBe(units);
    expect(await count(system.databaseUrl, 'audit_entry')).toBe(entries);
    const unchanged = await system
      .http()
      .get('/api/units/audit-county')
      .set('Authorization', system.adminAuth);
    expect(unchanged.body).toMatchObject({ name: '某区', kind: 'city', parentCode: null });
    const history = await system
      .http()
      .get('/api/audit?subject=unit:audit-county')
      .set('Authorization', system.adminAuth)
      .expect(200);
    expect(history.body.total).toBe(2);
    expect(await verify(system)).toMatchObject({ intact: true, entries });
  });

  it('records a unit created by racing requests exactly once', async () => {
    const [units, entries] = [
      await count(system.databaseUrl, 'unit'),
      await count(system.databaseUrl, 'audit_entry'),
    ];
    const responses = await Promise.all(
      Array.from({ length: 5 }, () =>
        system
          .http()
          .post('/api/units')
          .set('Authorization', system.adminAuth)
          .send({ code: 'audit-race', name: '竞争', kind: 'team' }),
      ),
    );
    expect(responses.filter((r) => r.status === 201)).toHaveLength(1);
    expect(responses.filter((r) => r.status < 400)).toHaveLength(1);
    expect(await count(system.databaseUrl, 'unit')).toBe(units + 1);
    expect(await count(system.databaseUrl, 'audit_entry')).toBe(entries + 1);
    const history = await system
      .http()
      .get('/api/audit?subject=unit:audit-race')
      .set('Authorization', system.adminAuth)
      .expect(200);
    expect(history.body.total).toBe(1);
    expect(await verify(system)).toMatchObject({ intact: true, entries: entries + 1 });
  });

  // Another transaction holds the same code uncommitted while the API creates it: the API's existence
  // check passes, its INSERT waits on the unique index, then fails once the other transaction commits.
  let raceLoser: { status: number; body: { code?: string } } | undefined;

  it('rolls back the loser of a race for a unit code, audit entry and all', async () => {
    const entries = await count(system.databaseUrl, 'audit_entry');
    await withPg(system.databaseUrl, async (pg) => {
      await pg.query('BEGIN');
      await pg.query(
        "INSERT INTO unit (code, name, kind, path) VALUES ('audit-held', '占用', 'team', '/audit-held/')",
      );
      // supertest sends on `then`: start the request now, collect its answer later.
      const pending = system
        .http()
        .post('/api/units')
        .set('Authorization', system.adminAuth)
        .send({ code: 'audit-held', name: '晚到', kind: 'team' })
        .then((response) => response);
      for (let attempt = 0; ; attempt++) {
        const { rows } = await pg.query<{ n: string }>(
          "SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'",
        );
        if (rows[0].n === '1') break;
        if (attempt > 200) throw new Error('the API never waited on the held unit code');
        await new Promise((r) => setTimeout(r, 25));
      }
      await pg.query('COMMIT');
      raceLoser = await pending;
    });
    expect(raceLoser?.status).toBeGreaterThanOrEqual(400);
    const unit = await system.http().get('/api/units/audit-held').set('Authorization', system.adminAuth);
    expect(unit.body).toMatchObject({ name: '占用' });
    expect(await count(system.databaseUrl, 'audit_entry')).toBe(entries);
    expect(await verify(system)).toMatchObject({ intact: true, entries });
  });

  it('answers the loser of a race for a unit code with a 409 conflict, not a server error', () => {
    expect(raceLoser).toMatchObject({ status: 409, body: { code: 'ALREADY_EXISTS' } });
  });
});

describe('tamper detection: a changed entry', () => {
  let system: TestSystem;

  beforeAll(async () => {
    system = await startTestSystem({ withWorker: false });
    for (const code of ['tamper-a', 'tamper-b', 'tamper-c']) {
      await createUnit(system, { code, name: code, kind: 'team' });
    }
    // seq 1-2 the first admin, 3-5 the units above.
  });
  afterAll(async () => {
    await system?.close();
  });

  it('verifies intact before anything is touched', async () => {
    expect(await verify(system)).toMatchObject({ intact: true, entries: 5 });
  });

  it('names the changed entry when a field of a middle entry is rewritten', async () => {
    await tamper(system.databaseUrl, "UPDATE audit_entry SET reason = 'x' WHERE seq = 3");
    expect(await verify(system)).toEqual({
      intact: false,
      entries: 2,
      brokenAt: 3,
      problem: expect.stringContaining('第 3 条记录写入后被改动'),
    });
    // Putting the original value back makes the chain whole again: the hash is a pure function of the row.
    await tamper(system.databaseUrl, 'UPDATE audit_entry SET reason = NULL WHERE seq = 3');
    expect(await verify(system)).toMatchObject({ intact: true, entries: 5 });
  });

  it('names the changed entry when what changed (after) is rewritten', async () => {
    await tamper(
      system.databaseUrl,
      `UPDATE audit_entry SET after = jsonb_set(after, '{name}', '"伪造"') WHERE seq = 4`,
    );
    expect(await verify(system)).toMatchObject({ intact: false, entries: 3, brokenAt: 4 });
    await tamper(
      system.databaseUrl,
      `UPDATE audit_entry SET after = jsonb_set(after, '{name}', '"tamper-b"') WHERE seq = 4`,
    );
    expect(await verify(system)).toMatchObject({ intact: true, entries: 5 });
  });

  it('names the next entry when a changed entry also gets a freshly computed hash', async () => {
    const original = await withPg(system.databaseUrl, async (pg) => {
      const { rows } = await pg.query<{ actor_name: string; hash: string }>(
        'SELECT actor_name, hash FROM audit_entry WHERE seq = 3',
      );
      return rows[0];
    });
    const history = await system
      .http()
      .get('/api/audit?subject=unit:tamper-a')
      .set('Authorization', system.adminAuth)
      .expect(200);
    const entry = history.body.items[0];
    expect(entry.hash).toBe(original.hash);
    const forged = { ...entry, seq: 3, actorName: '别人', occurredAt: new Date(entry.occurredAt) };
    const prevHash = await withPg(system.databaseUrl, async (pg) => {
      const { rows } = await pg.query<{ hash: string }>('SELECT hash FROM audit_entry WHERE seq = 2');
      return rows[0].hash;
    });
    const forgedHash = auditEntryHash({ ...forged, prevHash });
    expect(forgedHash).not.toBe(original.hash);

    await tamper(system.databaseUrl, 'UPDATE audit_entry SET actor_name = $1, hash = $2 WHERE seq = 3', [
      '别人',
      forgedHash,
    ]);
    expect(await verify(system)).toEqual({
      intact: false,
      entries: 3,
      brokenAt: 4,
      problem: expect.stringContaining('衔接不上'),
    });

    await tamper(system.databaseUrl, 'UPDATE audit_entry SET actor_name = $1, hash = $2 WHERE seq = 3', [
      original.actor_name,
      original.hash,
    ]);
    expect(await verify(system)).toMatchObject({ intact: true, entries: 5 });
  });
});

describe('tamper detection: a removed entry', () => {
  let system: TestSystem;

  beforeAll(async () => {
    system = await startTestSystem({ withWorker: false });
    for (const code of ['gap-a', 'gap-b', 'gap-c']) {
      await createUnit(system, { code, name: code, kind: 'team' });
    }
  });
  afterAll(async () => {
    await system?.close();
  });

  it('names the entry after the gap and the missing seq', async () => {
    expect(await verify(system)).toMatchObject({ intact: true, entries: 5 });
    await tamper(system.databaseUrl, 'DELETE FROM audit_entry WHERE seq = 3');
    expect(await verify(system)).toEqual({
      intact: false,
      entries: 2,
      brokenAt: 4,
      problem: expect.stringContaining('第 3 条记录缺失'),
    });
  });

  it('keeps saying so after more entries are appended', async () => {
    await createUnit(system, { code: 'gap-d', name: 'gap-d', kind: 'team' });
    expect(await verify(system)).toMatchObject({ intact: false, brokenAt: 4 });
  });
});
