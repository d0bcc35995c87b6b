import { createHmac } from 'node:crypto';
import {
  dingTalkSign,
  webhookRefusal,
  webhookRequest,
  WebhookMessage,
  webhookSignature,
} from './webhook-formats';

const message: WebhookMessage = {
  id: '00000000-0000-4000-8000-000000000001',
  kind: 'escalation.yellow-warning',
  title: '督办单〔2026〕第3号：黄牌预警',
  body: '问题 W-1「易地搬迁后续扶持措施未落实」：黄牌预警。全面整改期限 2026年12月31日。',
  subject: 'rectification:abc',
  createdAt: new Date('2026-12-01T01:00:00Z'),
  recipients: [
    { id: 'u1', username: 'zhangsan', displayName: '张三', unitCode: 'zjj' },
    { id: 'u2', username: 'lisi', displayName: '李四', unitCode: 'zjj' },
  ],
};
const now = new Date('2026-12-01T02:03:04.567Z');

describe('webhook formats', () => {
  it('DingTalk signs as its documentation says: base64(HMAC-SHA256(secret, "timestamp\\nsecret"))', () => {
    // the worked example recomputed independently
    const secret = 'SECabcdefghijklmnopqrstuvwxyz0123456789';
    const expected = createHmac('sha256', secret).update(`1764554584567\n${secret}`).digest('base64');
    expect(dingTalkSign(secret, 1764554584567)).toBe(expected);
    expect(dingTalkSign(secret, 1764554584568)).not.toBe(expected);
  });

  it('DingTalk: a markdown message, timestamp and sign as query parameters next to the access token', () => {
    const request = webhookRequest(
      'dingtalk',
      'https://oapi.dingtalk.com/robot/send?access_token=T',
      message,
      {
        secret: 'SECsecret',
        now,
      },
    );
    const url = new URL(request.url);
    expect(url.searchParams.get('access_token')).toBe('T');
    expect(url.searchParams.get('timestamp')).toBe(String(now.getTime()));
    expect(url.searchParams.get('sign')).toBe(dingTalkSign('SECsecret', now.getTime()));
    expect(JSON.parse(request.body)).toEqual({
      msgtype: 'markdown',
      markdown: {
        title: '督办单〔2026〕第3号：黄牌预警',
        text: `#### 督办单〔2026〕第3号：黄牌预警\n\n${message.body}\n\n送：张三、李四`,
      },
    });
    expect(request.headers['idempotency-key']).toBe(message.id);
  });

  it('DingTalk without a secret leaves the URL as configured', () => {
    const request = webhookRequest(
      'dingtalk',
      'https://oapi.dingtalk.com/robot/send?access_token=T',
      message,
      { now },
    );
    expect(request.url).toBe('https://oapi.dingtalk.com/robot/send?access_token=T');
  });

  it('WeCom: a markdown message with content, unsigned', () => {
    const request = webhookRequest(
      'wecom',
      'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=K',
      message,
      {
        secret: 'ignored',
        now,
      },
    );
    expect(request.url).toBe('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=K');
    expect(JSON.parse(request.body)).toEqual({
      msgtype: 'markdown',
      markdown: { content: `**督办单〔2026〕第3号：黄牌预警**\n\n${message.body}\n\n送：张三、李四` },
    });
  });

  it('generic: the notification as JSON with its recipient', () => {
    const body = JSON.parse(webhookRequest('generic', 'http://x/hook', message, { now }).body);
    expect(body).toMatchObject({
      id: message.id,
      title: message.title,
      recipient: { username: 'zhangsan' },
      createdAt: '2026-12-01T01:00:00.000Z',
    });
  });

  it('signed with WEBHOOK_SIGNING_SECRET: every format carries the timestamp and sha256=HMAC(timestamp.body)', () => {
    const secret = 'a-shared-secret-of-at-least-32-characters';
    for (const format of ['generic', 'dingtalk', 'wecom'] as const) {
      const request = webhookRequest(format, 'http://x/hook', message, { signingSecret: secret, now });
      // recomputed independently, as a receiver would
      const expected = createHmac('sha256', secret).update(`1796090584.${request.body}`).digest('hex');
      expect(request.headers['x-signature-timestamp']).toBe('1796090584');
      expect(request.headers['x-signature']).toBe(`sha256=${expected}`);
      expect(webhookSignature(secret, 1796090584, `${request.body} `)).not.toBe(expected);
    }
    const unsigned = webhookRequest('generic', 'http://x/hook', message, { now });
    expect(unsigned.headers['x-signature']).toBeUndefined();
    expect(unsigned.headers['x-signature-timestamp']).toBeUndefined();
  });

  it('a robot answering 200 with a non-zero errcode has not taken the message', () => {
    expect(webhookRefusal('dingtalk', 200, '{"errcode":0,"errmsg":"ok"}')).toBeNull();
    expect(webhookRefusal('dingtalk', 200, '{"errcode":310000,"errmsg":"sign not match"}')).toBe(
      'robot refused: errcode 310000 sign not match',
    );
    expect(webhookRefusal('wecom', 200, 'oops')).toMatch(/without JSON/);
    expect(webhookRefusal('generic', 204, '')).toBeNull();
    expect(webhookRefusal('generic', 503, '')).toBe('webhook answered 503');
  });
});
