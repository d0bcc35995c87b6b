import { Client as TemporalClient, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { gzipSync } from 'node:zlib';
import { Client } from 'pg';
import {
  itemCommandUpdate,
  rectificationWorkflowId,
} from '../libs/contracts/src/rectification/rectification-item';
import { TEMPORAL_CLIENT } from '../libs/temporal/src/temporal.tokens';
import { addRectificationFixture, createOrgFixture, OrgFixture } from './support/org-fixture';
import { startTestSystem, TestSystem } from './support/test-system';

/**
 * The answers the fuzz test only requires to be some 4xx, pinned: which status and code each kind
 * of bad input gets, and that a client going around the API cannot poison a workflow either.
 */
describe('bad input over HTTP and straight to the workflow', () => {
  let system: TestSystem;
  let f: OrgFixture;

  beforeAll(async () => {
    system = await startTestSystem();
    f = await createOrgFixture(system);
    await addRectificationFixture(system, f);
  });
  afterAll(async () => {
    await system?.close();
  });

  const progress = () =>
    system.http().post(`/api/rectifications/${f.objects.item}/progress`).set('Authorization', f.auth.deptA);
  const auditLength = async () => {
    const pg = new Client({ connectionString: system.databaseUrl });
    await pg.connect();
    const { rows } = await pg.query<{ n: string }>('SELECT count(*) AS n FROM audit_entry');
    await pg.end();
    return Number(rows[0].n);
  };

  it('refuses a NUL or a lone surrogate in a JSON body with 400 VALIDATION_FAILED naming the field', async () => {
    const before = await auditLength();
    const nul = await progress().send({ note: 'x\u0000' }).expect(400);
    expect(nul.body).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [{ field: 'note', problems: ['含有无法保存的字符（NUL 字符或不成对的 UTF-16 代理项）'] }],
    });
    const surrogate = await progress()
      .set('Content-Type', 'application/json')
      .send('{"note":"x\\ud800"}')
      .expect(400);
    expect(surrogate.body).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'note' }] });
    expect(await auditLength()).toBe(before);
  });

  it('answers who is calling before what they sent: 401 unsigned, 403 for a role the route refuses', async () => {
    const unsigned = await system
      .http()
      .post(`/api/rectifications/${f.objects.item}/progress`)
      .set('Content-Type', 'text/plain')
      .send('x\u0000')
      .expect(401);
    expect(unsigned.body).toMatchObject({ code: 'NOT_AUTHENTICATED' });
    const leader = await system
      .http()
      .post(`/api/rectifications/${f.objects.item}/progress`)
      .set('Authorization', f.auth.leader)
      .send({ note: 'x\u0000' })
      .expect(403);
    expect(leader.body).toMatchObject({ code: 'ROLE_NOT_ALLOWED' });
  });

  it('refuses one in a query or path parameter', async () => {
    const query = await system
      .http()
      .get('/api/rectifications?q=%00')
      .set('Authorization', f.auth.command)
      .expect(400);
    expect(query.body).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'q' }] });
    const path = await system
      .http()
      .post('/api/rectifications/x%00/progress')
      .set('Authorization', f.auth.deptA)
      .send({ note: 'x' })
      .expect(400);
    expect(path.body).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'id' }] });
  });

  it('answers 413 PAYLOAD_TOO_LARGE, 400 INVALID_JSON, 415 and 400 for too deep, in the error shape', async () => {
    const large = await progress()
      .send({ note: 'x'.repeat(2 * 1024 * 1024) })
      .expect(413);
    expect(large.body).toMatchObject({ statusCode: 413, code: 'PAYLOAD_TOO_LARGE', message: '请求内容过大' });
    const broken = await progress().set('Content-Type', 'application/json').send('{"note":').expect(400);
    expect(broken.body).toMatchObject({ statusCode: 400, code: 'INVALID_JSON' });
    const text = await progress().set('Content-Type', 'text/plain').send('note').expect(415);
    expect(text.body).toMatchObject({ statusCode: 415, code: 'UNSUPPORTED_MEDIA_TYPE' });
    const deep = `${'{"a":'.repeat(41)}1${'}'.repeat(41)}`;
    const nested = await progress().set('Content-Type', 'application/json').send(deep).expect(400);
    expect(nested.body).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [{ problems: ['嵌套层数超过 32 层'] }],
    });
  });

  it('refuses a compressed body or another charset with 415, a bare JSON value with 400, and reads an empty JSON body as {}', async () => {
    const gzip = await progress()
      .set('Content-Type', 'application/json')
      .set('Content-Encoding', 'gzip')
      .send(gzipSync(JSON.stringify({ note: '已完成' })))
      .expect(415);
    expect(gzip.body).toMatchObject({ code: 'UNSUPPORTED_ENCODING', details: { encoding: 'gzip' } });
    const latin1 = await progress()
      .set('Content-Type', 'application/json; charset=iso-8859-1')
      .send('{"note":"x"}')
      .expect(415);
    expect(latin1.body).toMatchObject({ code: 'UNSUPPORTED_CHARSET', details: { charset: 'iso-8859-1' } });
    const utf8 = await progress().set('Content-Type', 'application/json; charset=UTF-8').send('{"note":1}');
    expect(utf8.body.code).toBe('VALIDATION_FAILED'); // read, then judged by validation
    for (const bare of ['5', '"x"', 'null', 'true']) {
      const response = await progress().set('Content-Type', 'application/json').send(bare).expect(400);
      expect(response.body).toMatchObject({ code: 'INVALID_JSON' });
    }
    const proto = await progress()
      .set('Content-Type', 'application/json')
      .send('{"note":"x","__proto__":{"admin":true}}')
      .expect(400);
    expect(proto.body).toMatchObject({ code: 'INVALID_JSON' });
    const empty = await progress().set('Content-Type', 'application/json').send('').expect(400);
    expect(empty.body).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'note' }] });
  });

  it("gives every answer a request id: the caller's sane X-Request-Id, else a new one, in the header and the error body", async () => {
    const given = await progress().set('X-Request-Id', 'trace-42.a:b').send({}).expect(400);
    expect(given.headers['x-request-id']).toBe('trace-42.a:b');
    expect(given.body.requestId).toBe('trace-42.a:b');
    const replaced = await progress().set('X-Request-Id', 'bad id with spaces').send({}).expect(400);
    expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(replaced.body.requestId).toBe(replaced.headers['x-request-id']);
  });

  it('refuses null where a value must be given (PATCH /api/users/:id {"unitCode":null})', async () => {
    const response = await system
      .http()
      .patch(`/api/users/${f.ids.villageA}`)
      .set('Authorization', system.adminAuth)
      .send({ unitCode: null, reason: '岗位调整' })
      .expect(400);
    expect(response.body).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'unitCode' }] });
  });

  it('refuses a step with a NUL sent straight to the workflow, before the workflow accepts it', async () => {
    const temporal = system.api.get<TemporalClient>(TEMPORAL_CLIENT);
    const handle = temporal.workflow.getHandle(rectificationWorkflowId(f.objects.ledger, f.objects.item));
    const before = (await handle.describe()).historyLength;
    const actor = { id: `user:${f.ids.deptA}`, name: '甲镇干部', unit: 'tA', roles: ['department'] };
    const error = await handle
      .executeUpdate(itemCommandUpdate, {
        args: [{ command: { type: 'record-progress', note: 'x\u0000' }, actor }],
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
    const cause = (error as WorkflowUpdateFailedError).cause;
    expect(cause).toBeInstanceOf(ApplicationFailure);
    expect((cause as ApplicationFailure).type).toBe('UNSTORABLE_TEXT');
    // Refused by the validator: nothing entered the history, and the item still takes steps.
    expect((await handle.describe()).historyLength).toBe(before);
    await progress().send({ note: '已完成第一批' }).expect(200);
  });
});
