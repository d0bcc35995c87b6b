import { randomUUID } from 'node:crypto';
import {
  NotificationMessage,
  NotificationQueries,
} from '../../libs/database/src/notifications/notification.queries';
import { openQueryDatabase, QueryDatabase, sequentialScans } from '../support/query-database';
import { addPerson, addUnits } from './identity-fixtures';

const message = (n: number): NotificationMessage => ({
  dedupeKey: `escalation:${n}`,
  kind: 'escalation.yellow-warning',
  title: `督办单第${n}号`,
  body: `第${n}号问题已逾期`,
  subject: `rectification:${n}`,
});

describe('NotificationQueries on the real Postgres', () => {
  let db: QueryDatabase;
  let notifications: NotificationQueries;
  let alice: string;
  let bob: string;

  beforeAll(async () => {
    db = await openQueryDatabase();
    notifications = new NotificationQueries(db.dataSource.manager);
    await addUnits(db.dataSource.manager, [['county', 'county', null]]);
    alice = await addPerson(db.dataSource.manager, 'alice', 'county');
    bob = await addPerson(db.dataSource.manager, 'bob', 'county');
  });
  afterAll(() => db.close());

  it('writes a message at most once per person: a repeated write answers the same notification', async () => {
    const [first] = await notifications.insertOnce([alice], message(1));
    expect(await notifications.insertOnce([alice], message(1))).toEqual([first]);
    const [other] = await notifications.insertOnce([bob], message(1));
    expect(other).not.toBe(first);
    expect(await notifications.ofRecipientById(alice, first)).toMatchObject({
      recipientId: alice,
      title: '督办单第1号',
      readAt: null,
      deliveredAt: null,
      deliveryAttempts: 0,
    });
  });

  it('writes a message to several people in one statement, their ids in the order given', async () => {
    const carol = await addPerson(db.dataSource.manager, 'carol', 'county');
    const dave = await addPerson(db.dataSource.manager, 'dave', 'county');
    const [daveFirst] = await notifications.insertOnce([dave], message(5));
    const ids = await notifications.insertOnce([bob, dave, carol, bob], message(5));
    expect(ids[1]).toBe(daveFirst); // dave had it already
    expect(ids[3]).toBe(ids[0]); // bob named twice: one notification
    expect(new Set(ids).size).toBe(3);
    for (const [i, person] of [bob, dave, carol].entries())
      expect(await notifications.ofRecipientById(person, ids[i])).toMatchObject({ title: '督办单第5号' });
    expect(await notifications.insertOnce([carol, bob, dave], message(5))).toEqual([ids[2], ids[0], ids[1]]);
    expect(await notifications.insertOnce([], message(5))).toEqual([]);
  });

  it("lists a person's own notifications newest first, the unread ones if asked, at most the limit", async () => {
    const [two] = await notifications.insertOnce([alice], message(2));
    const [three] = await notifications.insertOnce([alice], message(3));
    await db.dataSource.query(
      `UPDATE notification SET created_at = now() + interval '1 minute' WHERE id = $1`,
      [three],
    );
    await notifications.markRead(two, new Date('2026-03-01T00:00:00Z'));
    const titles = async (unreadOnly: boolean, limit = 500) =>
      (await notifications.ofRecipient(alice, { unreadOnly, limit })).map((n) => n.title);
    expect((await titles(false))[0]).toBe('督办单第3号');
    expect((await titles(false)).sort()).toEqual(['督办单第1号', '督办单第2号', '督办单第3号']);
    expect((await titles(true)).sort()).toEqual(['督办单第1号', '督办单第3号']);
    expect(await titles(false, 1)).toEqual(['督办单第3号']);
    expect((await notifications.ofRecipientById(alice, two))?.readAt).toEqual(
      new Date('2026-03-01T00:00:00Z'),
    );
  });

  it('finds one notification only for its own recipient', async () => {
    const [mine] = await notifications.insertOnce([alice], message(4));
    expect(await notifications.ofRecipientById(bob, mine)).toBeNull();
    expect(await notifications.ofRecipientById(alice, randomUUID())).toBeNull();
  });

  it("reads a person's list through the recipient index, not by scanning notifications", async () => {
    const plans = await db.plansOf(() => notifications.ofRecipient(alice, { unreadOnly: true, limit: 500 }));
    expect(plans).toHaveLength(1);
    expect(sequentialScans(plans[0].nodes)).toEqual([]);
  });

  it('answers the undelivered ones oldest first and records each delivery attempt', async () => {
    const ids = [
      ...(await notifications.insertOnce([bob], message(10))),
      ...(await notifications.insertOnce([bob], message(11))),
      ...(await notifications.insertOnce([bob], message(12))),
    ];
    await notifications.markDeliveryFailed([ids[0], ids[1]], 'HTTP 502');
    expect(await notifications.ofRecipientById(bob, ids[0])).toMatchObject({
      deliveryAttempts: 1,
      lastDeliveryError: 'HTTP 502',
      deliveredAt: null,
    });
    await notifications.markDelivered([ids[0]]);
    const delivered = await notifications.ofRecipientById(bob, ids[0]);
    expect(delivered).toMatchObject({ deliveryAttempts: 2, lastDeliveryError: null });
    expect(delivered?.deliveredAt).toBeInstanceOf(Date);
    const pending = await notifications.undelivered(ids);
    expect(pending.map((n) => n.id).sort()).toEqual([ids[1], ids[2]].sort());
    expect(pending[0].createdAt.getTime()).toBeLessThanOrEqual(pending[1].createdAt.getTime());
    expect(await notifications.undelivered([ids[0]])).toEqual([]);
  });
});
