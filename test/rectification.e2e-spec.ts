import * as http from 'node:http';
import { AddressInfo } from 'node:net';
import { NestFactory } from '@nestjs/core';
import ExcelJS from 'exceljs';
import { Client } from 'pg';
import { WorkerModule } from '../apps/worker/src/worker.module';
import { addRectificationFixture, createOrgFixture, OrgFixture } from './support/org-fixture';
import { startTestSystem, TestSystem } from './support/test-system';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

async function auditActions(databaseUrl: string, subject: string): Promise<string[]> {
  const pg = new Client({ connectionString: databaseUrl });
  await pg.connect();
  const { rows } = await pg.query<{ action: string }>(
    'SELECT action FROM audit_entry WHERE subject = $1 ORDER BY seq',
    [subject],
  );
  await pg.end();
  return rows.map((r) => r.action);
}

describe('a rectification item over HTTP, on the real servers', () => {
  let system: TestSystem;
  let f: OrgFixture;
  let item: string;
  const as = (person: keyof OrgFixture['auth']) => f.auth[person];

  beforeAll(async () => {
    system = await startTestSystem();
    f = await createOrgFixture(system);
    await addRectificationFixture(system, f);
    item = f.objects.item;
  });
  afterAll(async () => {
    await system?.close();
  });

  const post = (person: keyof OrgFixture['auth'], step: string, body: object = {}) =>
    system.http().post(`/api/rectifications/${item}/${step}`).set('Authorization', as(person)).send(body);

  it('registers an item with its one responsible person, its deadlines and a timeline', async () => {
    const detail = await system
      .http()
      .get(`/api/rectifications/${item}`)
      .set('Authorization', as('deptA'))
      .expect(200);
    expect(detail.body).toMatchObject({
      number: 1,
      status: 'rectifying',
      statusLabel: '整改中',
      responsibleUnit: 'tA',
      responsiblePersonId: f.ids.deptA,
      verifierId: f.ids.inspector,
      measures: ['简化审批', '按月拨付'],
      overdue: false,
      escalationLevel: 0,
      version: 1,
    });
    expect(detail.body.timeline).toEqual([
      expect.objectContaining({ version: 1, type: 'register', summary: '登记问题，下达整改任务' }),
    ]);
  });

  it('shows the item to its unit, the unit above it and cross-unit roles, and to no other unit', async () => {
    for (const person of ['deptA', 'command', 'leader', 'inspector'] as const) {
      const list = await system
        .http()
        .get('/api/rectifications')
        .set('Authorization', as(person))
        .expect(200);
      expect({ person, ids: list.body.items.map((i: { id: string }) => i.id) }).toEqual({
        person,
        ids: [item],
      });
    }
    const other = await system
      .http()
      .get('/api/rectifications')
      .set('Authorization', as('deptB'))
      .expect(200);
    expect(other.body.total).toBe(0);
    await system.http().get(`/api/rectifications/${item}`).set('Authorization', as('deptB')).expect(404);
  });

  it('refuses a registration naming a person of another unit, and names the field', async () => {
    const response = await system
      .http()
      .post(`/api/ledgers/${f.objects.ledger}/items`)
      .set('Authorization', as('command'))
      .send({
        problem: '问题',
        source: '来源',
        category: '类别',
        analysis: '分析',
        measures: ['措施'],
        responsibleUnit: 'tA',
        responsiblePersonId: f.ids.deptB,
        verifierId: f.ids.inspector,
        basicDeadline: '2099-06-15',
        fullDeadline: '2099-06-30',
      })
      .expect(400);
    expect(response.body.details).toEqual([
      { field: 'responsiblePersonId', problems: ['须为责任单位的在岗人员'] },
    ]);
  });

  it('refuses a ledger whose ladder, cadence or first bulletin is wrong, naming each', async () => {
    const bad = await system
      .http()
      .post('/api/ledgers')
      .set('Authorization', as('command'))
      .send({ name: '坏台账', source: '自查', bulletinEvery: '-P1D', ladder: [{ level: 0, kind: 'nap' }] })
      .expect(400);
    expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual([
      'bulletinEvery',
      'ladder',
    ]);
    expect(JSON.stringify(bad.body.details)).toContain('[0].level');
    const past = await system
      .http()
      .post('/api/ledgers')
      .set('Authorization', as('command'))
      .send({ name: '台账', source: '自查', bulletinFirstAt: '2020-01-06' })
      .expect(400);
    expect(past.body.details).toEqual([{ field: 'bulletinFirstAt', problems: ['须晚于当前时间'] }]);
  });

  it('reads a date-only deadline as the end of that day in China Standard Time', async () => {
    const created = await system
      .http()
      .post(`/api/ledgers/${f.objects.ledger}/items`)
      .set('Authorization', as('command'))
      .send({
        problem: '村级光伏收益分配不规范',
        source: '督查暗访',
        category: '产业扶贫',
        analysis: '制度缺失',
        measures: ['制定分配办法'],
        responsibleUnit: 'vA1',
        responsiblePersonId: f.ids.villageA,
        verifierId: f.ids.inspector,
        basicDeadline: '2099-06-15',
        fullDeadline: '2099-06-30',
      })
      .expect(201);
    expect(created.body).toMatchObject({
      number: 2,
      basicDeadline: '2099-06-15T16:00:00.000Z',
      fullDeadline: '2099-06-30T16:00:00.000Z',
    });
    f.objects.villageItem = created.body.id;
  });

  it('keeps evidence with its hash, and refuses types it does not take', async () => {
    const attached = await system
      .http()
      .post(`/api/rectifications/${item}/evidence`)
      .set('Authorization', as('deptA'))
      .attach('file', PNG, { filename: '拨付凭证.png', contentType: 'image/png' })
      .expect(201);
    const evidence = attached.body.evidence[0];
    expect(evidence).toMatchObject({
      fileName: '拨付凭证.png',
      mediaType: 'image/png',
      sizeBytes: PNG.length,
    });
    expect(evidence.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(attached.body.timeline.at(-1)).toMatchObject({
      type: 'attach-evidence',
      summary: '上传佐证材料「拨付凭证.png」',
    });
    const download = await system
      .http()
      .get(`/api/rectifications/${item}/evidence/${evidence.id}`)
      .set('Authorization', as('inspector'))
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(Buffer.compare(download.body as Buffer, PNG)).toBe(0);
    expect(download.headers['x-content-sha256']).toBe(evidence.sha256);
    const refused = await system
      .http()
      .post(`/api/rectifications/${item}/evidence`)
      .set('Authorization', as('deptA'))
      .attach('file', Buffer.from('#!/bin/sh'), { filename: 'run.sh', contentType: 'text/x-sh' })
      .expect(415);
    expect(refused.body.code).toBe('EVIDENCE_TYPE');
  });

  it('refuses to close what was never submitted, and changes nothing', async () => {
    const before = await system
      .http()
      .get(`/api/rectifications/${item}`)
      .set('Authorization', as('inspector'))
      .expect(200);
    const refused = await post('inspector', 'accept', { note: '核查' }).expect(409);
    expect(refused.body).toMatchObject({
      code: 'NOT_SUBMITTED',
      message: '该问题尚未提交销号申请，不能验收销号',
    });
    const after = await system
      .http()
      .get(`/api/rectifications/${item}`)
      .set('Authorization', as('inspector'))
      .expect(200);
    expect(after.body.version).toBe(before.body.version);
  });

  it('goes back to rectification when the verifier rejects, with the reason on the timeline', async () => {
    await post('deptA', 'basic-done', { note: '制度已建立' }).expect(200);
    await post('deptA', 'submit', { note: '申请销号' }).expect(200);
    const rejected = await post('inspector', 'reject', { reason: '佐证材料不全' }).expect(200);
    expect(rejected.body.status).toBe('basic-done');
    expect(rejected.body.timeline.at(-1)).toMatchObject({
      type: 'reject',
      reason: '佐证材料不全',
      actorName: '督查员（inspector）',
    });
  });

  it('moves the working deadline on an approved extension and keeps the original', async () => {
    const before = await system
      .http()
      .get(`/api/rectifications/${item}`)
      .set('Authorization', as('deptA'))
      .expect(200);
    await post('deptA', 'extension-request', {
      newFullDeadline: '2099-12-31',
      reason: '等待资金下达',
    }).expect(200);
    const again = await post('deptA', 'extension-request', {
      newFullDeadline: '2099-12-31',
      reason: '再次申请',
    }).expect(409);
    expect(again.body.code).toBe('EXTENSION_PENDING');
    const approved = await post('command', 'extension-decision', { approve: true, reason: '同意' }).expect(
      200,
    );
    expect(approved.body.fullDeadline).toBe('2099-12-31T16:00:00.000Z');
    expect(approved.body.originalFullDeadline).toBe(before.body.originalFullDeadline);
    expect(approved.body.pendingExtension).toBeNull();
  });

  it('pauses and resumes the clock, and lets only the verifier close out', async () => {
    const paused = await post('command', 'pause', { reason: '等待国土部门批复' }).expect(200);
    expect(paused.body.paused).toBe(true);
    await post('command', 'resume', { reason: '已批复' }).expect(200);
    await post('deptA', 'submit', { note: '再次申请销号' }).expect(200);
    const notVerifier = await post('command', 'accept', { note: '代为验收' }).expect(403);
    expect(notVerifier.body.code).toBe('NOT_YOUR_ITEM');
    const closed = await post('inspector', 'accept', { note: '核查属实' }).expect(200);
    expect(closed.body).toMatchObject({ status: 'closed', statusLabel: '已销号' });
    expect(closed.body.closeOut).toMatchObject({
      signerName: '督查员（inspector）',
      unit: 'c1',
      roles: ['inspector'],
      note: '核查属实',
      evidenceSeen: [closed.body.evidence[0].id],
    });
    const twice = await post('inspector', 'accept', { note: '再次验收' }).expect(409);
    expect(twice.body.code).toBe('NOT_SUBMITTED');
  });

  it('reopens a closed item on re-check, and comments are seen by all who may see the item', async () => {
    const reopened = await post('inspector', 'reopen', {
      reason: '回头看发现问题反弹',
      newFullDeadline: '2099-12-31',
    }).expect(200);
    expect(reopened.body).toMatchObject({ status: 'rectifying', reopenCount: 1 });
    await post('command', 'comments', { body: '请县财政局配合' }).expect(201);
    const seen = await system
      .http()
      .get(`/api/rectifications/${item}`)
      .set('Authorization', as('deptA'))
      .expect(200);
    expect(seen.body.comments).toEqual([
      expect.objectContaining({ authorName: '指挥部干部', authorUnit: 'c1', body: '请县财政局配合' }),
    ]);
  });

  it('reassigns many items at once with a result for each', async () => {
    const results = await system
      .http()
      .post('/api/rectifications/reassign')
      .set('Authorization', as('command'))
      .send({ itemIds: [item, f.objects.villageItem], personId: f.ids.deptA, reason: '人员调整' })
      .expect(200);
    expect(results.body).toEqual([
      { itemId: item, ok: false, code: 'SAME_PERSON', message: '新责任人与现责任人相同' },
      {
        itemId: f.objects.villageItem,
        ok: false,
        code: 'VALIDATION_FAILED',
        message: '新责任人必须是责任单位的在岗人员',
      },
    ]);
  });

  it('filters by status and unit, and records every step in the audit trail', async () => {
    const open = await system
      .http()
      .get('/api/rectifications?status=rectifying&unit=tA')
      .set('Authorization', as('command'))
      .expect(200);
    expect(open.body.total).toBe(2);
    const village = await system
      .http()
      .get('/api/rectifications?unit=vA1')
      .set('Authorization', as('command'))
      .expect(200);
    expect(village.body.items.map((i: { number: number }) => i.number)).toEqual([2]);
    const bad = await system
      .http()
      .get('/api/rectifications?status=done&overdue=maybe')
      .set('Authorization', as('command'))
      .expect(400);
    expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['overdue', 'status']);
    expect(await auditActions(system.databaseUrl, `rectification:${item}`)).toEqual([
      'rectification.register',
      'rectification.attach-evidence',
      'rectification.mark-basic-done',
      'rectification.submit',
      'rectification.reject',
      'rectification.request-extension',
      'rectification.decide-extension',
      'rectification.pause',
      'rectification.resume',
      'rectification.submit',
      'rectification.accept',
      'rectification.reopen',
      'rectification.comment',
    ]);
  });
});

describe('escalation on the real servers: a ladder on seconds, notifications and the webhook', () => {
  let system: TestSystem;
  let f: OrgFixture;
  let webhook: http.Server;
  const received: Array<{ key: string; body: { title: string; recipient: { username: string } } }> = [];
  let failFirst = true;

  beforeAll(async () => {
    webhook = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        if (failFirst) {
          failFirst = false;
          res.writeHead(503).end();
          return;
        }
        received.push({
          key: String(req.headers['idempotency-key']),
          body: JSON.parse(Buffer.concat(chunks).toString()),
        });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => webhook.listen(0, '127.0.0.1', resolve));
    process.env.NOTIFICATION_WEBHOOK_URL = `http://127.0.0.1:${(webhook.address() as AddressInfo).port}/hook`;
    system = await startTestSystem();
    f = await createOrgFixture(system);
  });
  afterAll(async () => {
    delete process.env.NOTIFICATION_WEBHOOK_URL;
    await system?.close();
    webhook?.close();
  });

  it('issues a numbered notice and notifies the responsible person, delivering to the webhook once despite a failure', async () => {
    // the full deadline written as a date, 30 CST days from now: "…日前"
    const fullDay = new Date(Date.now() + 8 * 3_600_000 + 30 * 86_400_000).toISOString().slice(0, 10);
    const [year, month, day] = fullDay.split('-').map(Number);
    const ledger = await system
      .http()
      .post('/api/ledgers')
      .set('Authorization', f.auth.command)
      .send({
        name: '演示台账（分钟级）',
        source: '自查',
        ladder: [
          {
            level: 1,
            kind: 'yellow-warning',
            label: '黄牌预警',
            anchor: 'basic',
            offset: 'PT1S',
            audience: ['responsible-person'],
            leaderMustAct: false,
            notice: { kind: '督办单', colour: 'yellow' },
          },
        ],
      })
      .expect(201);
    const created = await system
      .http()
      .post(`/api/ledgers/${ledger.body.id}/items`)
      .set('Authorization', f.auth.command)
      .send({
        problem: '易地搬迁后续扶持措施未落实',
        source: '自查',
        category: '搬迁',
        analysis: '责任不清',
        measures: ['明确责任'],
        responsibleUnit: 'tA',
        responsiblePersonId: f.ids.deptA,
        verifierId: f.ids.inspector,
        basicDeadline: new Date(Date.now() + 2000).toISOString(),
        fullDeadline: fullDay,
      })
      .expect(201);

    let notifications: Array<{ title: string; body: string; subject: string; deliveredAt: string | null }> =
      [];
    for (let i = 0; i < 150 && !notifications[0]?.deliveredAt; i++) {
      await new Promise((r) => setTimeout(r, 200));
      notifications = (
        await system.http().get('/api/notifications').set('Authorization', f.auth.deptA).expect(200)
      ).body;
    }
    expect(notifications).toHaveLength(1);
    expect(notifications[0].title).toMatch(/^督办单〔\d{4}〕第1号：黄牌预警$/);
    expect(notifications[0].subject).toBe(`rectification:${created.body.id}`);
    // the notice names the day written, not the next day's 00:00
    expect(notifications[0].body).toBe(
      `问题 1「易地搬迁后续扶持措施未落实」：黄牌预警。全面整改期限 ${year}年${month}月${day}日。`,
    );
    expect(notifications[0].deliveredAt).not.toBeNull();
    expect(received).toHaveLength(1);
    expect(received[0].body).toMatchObject({
      title: notifications[0].title,
      recipient: { username: 'deptA' },
    });

    const detail = await system
      .http()
      .get(`/api/rectifications/${created.body.id}`)
      .set('Authorization', f.auth.deptA)
      .expect(200);
    // the JSON keeps the instant (the end of that CST day) and adds the day as written
    expect(detail.body).toMatchObject({
      escalationLevel: 1,
      fullDeadline: new Date(Date.parse(`${fullDay}T00:00:00+08:00`) + 86_400_000).toISOString(),
      fullDeadlineDate: fullDay,
      basicDeadlineDate: null,
    });
    expect(detail.body.notices).toEqual([
      expect.objectContaining({ level: 1, label: '黄牌预警', colour: 'yellow' }),
    ]);

    // the notice as a printable document: 文号, the unit, the matter, the deadline as written, 反馈 by when
    const noticeHtml = await system
      .http()
      .get(detail.body.notices[0].html)
      .set('Authorization', f.auth.deptA)
      .expect(200);
    expect(noticeHtml.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(noticeHtml.headers['content-security-policy']).toContain("default-src 'none'");
    const page = noticeHtml.text;
    expect(page).toMatch(/<p class="doc-number">督办单〔\d{4}〕第1号<\/p>/);
    expect(page).toContain('<p class="issuer">示范县</p>'); // the unit tree's root: no ISSUING_UNIT_CODE here
    expect(page).toContain('<p class="addressees">甲镇：</p>');
    expect(page).toContain('<th scope="row">责任单位</th><td>甲镇</td>');
    expect(page).toContain('<th scope="row">责任人</th><td>甲镇干部</td>');
    expect(page).toContain('问题 1：易地搬迁后续扶持措施未落实');
    expect(page).toContain(`<th scope="row">全面整改到位期限</th><td>${year}年${month}月${day}日</td>`);
    expect(page).toMatch(
      /<th scope="row">反馈要求<\/th><td>请于\d{4}年\d{1,2}月\d{1,2}日前书面反馈整改进展及佐证材料<\/td>/,
    );
    expect(page).toMatch(/<div class="signature">\n<p>示范县<\/p>\n<p>\d{4}年\d{1,2}月\d{1,2}日<\/p>/);
    // another township may not see the item, nor its notices; an unknown notice is 404 too
    await system.http().get(detail.body.notices[0].html).set('Authorization', f.auth.deptB).expect(404);
    await system
      .http()
      .get(`/api/rectifications/${created.body.id}/notices/00000000-0000-4000-8000-000000000000/html`)
      .set('Authorization', f.auth.deptA)
      .expect(404);
    const list = await system
      .http()
      .get(`/api/rectifications/${created.body.id}/notices/xlsx`)
      .set('Authorization', f.auth.deptA)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(list.body);
    const sheet = book.getWorksheet('督办通知')!;
    expect(sheet.getRow(2).values).toEqual(
      expect.arrayContaining(['文号', '责任单位', '全面整改到位期限', '反馈期限']),
    );
    expect(sheet.getRow(3).getCell(2).text).toMatch(/^督办单〔\d{4}〕第1号$/);
    // other people got nothing
    expect(
      (await system.http().get('/api/notifications').set('Authorization', f.auth.deptB).expect(200)).body,
    ).toEqual([]);
  });
});

describe('registration while no worker runs', () => {
  let system: TestSystem;
  let f: OrgFixture;

  beforeAll(async () => {
    process.env.REGISTRATION_WAIT_SECONDS = '2';
    system = await startTestSystem({ withWorker: false });
    f = await createOrgFixture(system);
  });
  afterAll(async () => {
    delete process.env.REGISTRATION_WAIT_SECONDS;
    await system?.close();
  });

  it('answers 503 after a bounded wait, and the item is listed once a worker runs', async () => {
    const ledger = await system
      .http()
      .post('/api/ledgers')
      .set('Authorization', f.auth.command)
      .send({ name: '台账', source: '自查' })
      .expect(201);
    const pending = await system
      .http()
      .post(`/api/ledgers/${ledger.body.id}/items`)
      .set('Authorization', f.auth.command)
      .send({
        problem: '问题',
        source: '自查',
        category: '类别',
        analysis: '分析',
        measures: ['措施'],
        responsibleUnit: 'tA',
        responsiblePersonId: f.ids.deptA,
        verifierId: f.ids.inspector,
        basicDeadline: '2099-05-15',
        fullDeadline: '2099-05-31',
      })
      .expect(503);
    expect(pending.body).toMatchObject({
      code: 'REGISTRATION_PENDING',
      details: { itemId: expect.any(String) },
    });

    const worker = await startWorker();
    try {
      let listed = 0;
      for (let i = 0; i < 100 && listed === 0; i++) {
        await new Promise((r) => setTimeout(r, 100));
        listed = (
          await system.http().get('/api/rectifications').set('Authorization', f.auth.command).expect(200)
        ).body.total;
      }
      expect(listed).toBe(1);
      await system
        .http()
        .get(`/api/rectifications/${pending.body.details.itemId}`)
        .set('Authorization', f.auth.deptA)
        .expect(200);
    } finally {
      await worker.close();
    }
  });
});

function startWorker() {
  return NestFactory.createApplicationContext(WorkerModule, { logger: ['error'] });
}
