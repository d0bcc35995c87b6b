import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { MockActivityEnvironment } from '@temporalio/testing';
import { DefaultLogger } from '@temporalio/worker';
import { DataSource } from 'typeorm';
import { createNotificationDeliveryActivities } from '../activities/notifications/notification-delivery.activities';
import type { WebhookFormat } from '../activities/notifications/webhook-formats';
import { dataSourceOptions } from '../libs/database/src/data-source-options';
import { createTestDatabase } from './support/test-database';

/**
 * Delivery in each webhook format against a local receiver that checks what DingTalk and WeCom
 * robots check: the message JSON, and DingTalk's signature recomputed from the secret.
 */
const SECRET = 'SEC0123456789abcdef';
const SIGNING_SECRET = 'webhook-signing-secret-0123456789abcdef';

/**
 * What a receiver does, as the README describes it: recompute HMAC-SHA256 over
 * `<X-Signature-Timestamp>.<raw body>` with the shared secret, compare in constant time, and refuse a
 * timestamp more than five minutes away.
 */
function signatureProblem(req: IncomingMessage, rawBody: string): string | null {
  const timestamp = String(req.headers['x-signature-timestamp'] ?? '');
  const given = String(req.headers['x-signature'] ?? '');
  if (!/^\d+$/.test(timestamp) || !given.startsWith('sha256=')) return 'unsigned';
  if (Math.abs(Date.now() / 1000 - Number(timestamp)) > 300) return 'stale';
  const expected = Buffer.from(
    `sha256=${createHmac('sha256', SIGNING_SECRET).update(`${timestamp}.${rawBody}`).digest('hex')}`,
  );
  const actual = Buffer.from(given);
  return actual.length === expected.length && timingSafeEqual(actual, expected) ? null : 'bad signature';
}

interface Received {
  url: URL;
  key: string;
  body: Record<string, unknown>;
}

describe('notification webhook formats (local receiver)', () => {
  let database: { url: string; drop: () => Promise<void> };
  let dataSource: DataSource;
  let server: Server;
  let base: string;
  const received: Received[] = [];
  /** Requests the signature-checking receiver took or refused, as they arrived. */
  const signed: Array<{ headers: Record<string, string>; body: string; problem: string | null }> = [];
  /** What the receiver answers next: a robot's refusal once, then acceptance. */
  let refuseNext = false;
  const people: string[] = [];

  const read = (req: IncomingMessage) =>
    new Promise<string>((resolve) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => resolve(Buffer.concat(chunks).toString()));
    });

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = await new DataSource(dataSourceOptions(database.url)).initialize();
    await dataSource.query(
      `INSERT INTO unit (code, name, kind, path) VALUES ('zjj', '县住建局', 'bureau', '/zjj/')`,
    );
    for (const [username, name] of [
      ['zhangsan', '张三'],
      ['lisi', '李四'],
    ]) {
      const [row] = await dataSource.query<Array<{ id: string }>>(
        `INSERT INTO app_user (username, display_name, unit_code, roles) VALUES ($1, $2, 'zjj', '{department}') RETURNING id`,
        [username, name],
      );
      people.push(row.id);
    }
    server = createServer((req, res) => {
      void read(req).then((text) => {
        const url = new URL(req.url ?? '/', 'http://127.0.0.1');
        if (url.pathname === '/signed') {
          const problem = signatureProblem(req, text);
          const headers = Object.fromEntries(
            ['content-type', 'idempotency-key', 'x-signature', 'x-signature-timestamp'].map((h) => [
              h,
              String(req.headers[h]),
            ]),
          );
          signed.push({ headers, body: text, problem });
          res.writeHead(problem ? 401 : 204).end();
          return;
        }
        const body = JSON.parse(text) as Record<string, unknown>;
        const robot = url.pathname !== '/generic';
        if (url.pathname === '/dingtalk') {
          // DingTalk: the signature of timestamp and secret, within an hour of its time
          const timestamp = url.searchParams.get('timestamp') ?? '';
          const sign = createHmac('sha256', SECRET).update(`${timestamp}\n${SECRET}`).digest('base64');
          if (url.searchParams.get('sign') !== sign) {
            res.writeHead(200).end(JSON.stringify({ errcode: 310000, errmsg: 'sign not match' }));
            return;
          }
        }
        if (refuseNext) {
          refuseNext = false;
          res.writeHead(200).end(JSON.stringify({ errcode: 45009, errmsg: 'api freq out of limit' }));
          return;
        }
        received.push({ url, key: String(req.headers['idempotency-key']), body });
        if (robot) res.writeHead(200).end(JSON.stringify({ errcode: 0, errmsg: 'ok' }));
        else res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
    server?.close();
  });

  /** One notice to both people: two notifications under one dedupe key. */
  async function notice(key: string): Promise<string[]> {
    const ids: string[] = [];
    for (const recipient of people) {
      const [row] = await dataSource.query<Array<{ id: string }>>(
        `INSERT INTO notification (recipient_id, dedupe_key, kind, title, body, subject)
         VALUES ($1, $2, 'escalation.yellow-warning', '督办单〔2026〕第3号：黄牌预警', '问题 W-1：黄牌预警。', 'rectification:x')
         RETURNING id`,
        [recipient, key],
      );
      ids.push(row.id);
    }
    return ids;
  }

  async function deliver(
    format: WebhookFormat,
    ids: string[],
    secret?: string,
    path = `/${format}`,
    signingSecret?: string,
  ) {
    const activities = createNotificationDeliveryActivities(dataSource, {
      url: `${base}${path}?access_token=T`,
      timeoutMs: 5000,
      format,
      secret,
      signingSecret,
    });
    const env = new MockActivityEnvironment({}, { logger: new DefaultLogger('ERROR') });
    return env.run(activities.deliverNotifications, { notificationIds: ids });
  }

  it('DingTalk: one signed markdown message per notice naming both people; delivered once', async () => {
    received.length = 0;
    const ids = await notice('dingtalk-1');
    await expect(deliver('dingtalk', ids, SECRET)).resolves.toEqual({ delivered: 2 });
    await expect(deliver('dingtalk', ids, SECRET)).resolves.toEqual({ delivered: 0 });
    expect(received).toHaveLength(1);
    expect(received[0].url.searchParams.get('access_token')).toBe('T');
    expect(received[0].body).toEqual({
      msgtype: 'markdown',
      markdown: {
        title: '督办单〔2026〕第3号：黄牌预警',
        text: '#### 督办单〔2026〕第3号：黄牌预警\n\n问题 W-1：黄牌预警。\n\n送：张三、李四',
      },
    });
    const rows = await dataSource.query<Array<{ delivered: boolean }>>(
      `SELECT delivered_at IS NOT NULL AS delivered FROM notification WHERE id = ANY($1)`,
      [ids],
    );
    expect(rows).toEqual([{ delivered: true }, { delivered: true }]);
  });

  it('DingTalk with a wrong secret is refused by the receiver: the activity fails, nothing is marked delivered', async () => {
    received.length = 0;
    const ids = await notice('dingtalk-2');
    await expect(deliver('dingtalk', ids, 'SECwrong-secret')).rejects.toThrow(
      /errcode 310000 sign not match/,
    );
    const rows = await dataSource.query<Array<{ delivered: boolean; error: string }>>(
      `SELECT delivered_at IS NOT NULL AS delivered, last_delivery_error AS error FROM notification WHERE id = ANY($1)`,
      [ids],
    );
    expect(rows.every((r) => !r.delivered && /310000/.test(r.error))).toBe(true);
    expect(received).toHaveLength(0);
  });

  it('WeCom: a robot refusal (200 with errcode) is retried; the markdown content arrives once', async () => {
    received.length = 0;
    const ids = await notice('wecom-1');
    refuseNext = true;
    await expect(deliver('wecom', ids)).rejects.toThrow(/errcode 45009/);
    await expect(deliver('wecom', ids)).resolves.toEqual({ delivered: 2 });
    expect(received).toHaveLength(1);
    expect(received[0].body).toEqual({
      msgtype: 'markdown',
      markdown: { content: '**督办单〔2026〕第3号：黄牌预警**\n\n问题 W-1：黄牌预警。\n\n送：张三、李四' },
    });
  });

  it('generic: one JSON per notification, each with its own Idempotency-Key', async () => {
    received.length = 0;
    const ids = await notice('generic-1');
    await expect(deliver('generic', ids)).resolves.toEqual({ delivered: 2 });
    expect(received.map((r) => r.key).sort()).toEqual([...ids].sort());
    expect(received.map((r) => (r.body.recipient as { username: string }).username).sort()).toEqual([
      'lisi',
      'zhangsan',
    ]);
  });

  it('signed deliveries: the receiver verifies the signature, and refuses a tampered body or a wrong secret', async () => {
    signed.length = 0;
    const ids = await notice('signed-1');
    await expect(deliver('generic', ids, undefined, '/signed', SIGNING_SECRET)).resolves.toEqual({
      delivered: 2,
    });
    expect(signed.map((s) => s.problem)).toEqual([null, null]);
    const [first] = signed;
    expect(first.headers['x-signature']).toMatch(/^sha256=[0-9a-f]{64}$/);

    // the same signed request with one character of its body changed: refused
    const tampered = first.body.replace('黄牌预警', '红牌问责');
    expect(tampered).not.toBe(first.body);
    const replay = (body: string) =>
      fetch(`${base}/signed`, { method: 'POST', headers: first.headers, body }).then((r) => r.status);
    await expect(replay(tampered)).resolves.toBe(401);
    await expect(replay(first.body)).resolves.toBe(204);
    expect(signed.slice(2).map((s) => s.problem)).toEqual(['bad signature', null]);

    // signed with another secret: refused, the activity fails and marks nothing delivered
    const other = await notice('signed-2');
    await expect(
      deliver('generic', other, undefined, '/signed', 'another-secret-that-is-long-enough-0000'),
    ).rejects.toThrow(/webhook answered 401/);
    // unsigned: refused too
    await expect(deliver('generic', other, undefined, '/signed')).rejects.toThrow(/webhook answered 401/);
    expect(signed.slice(4).map((s) => s.problem)).toEqual([
      'bad signature',
      'bad signature',
      'unsigned',
      'unsigned',
    ]);
  });
});
