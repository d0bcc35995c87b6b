import { createHmac } from 'node:crypto';

/** What the notification webhook speaks: its own JSON, or a DingTalk or WeCom group robot's message. */
export const WEBHOOK_FORMATS = ['generic', 'dingtalk', 'wecom'] as const;
export type WebhookFormat = (typeof WEBHOOK_FORMATS)[number];

/** One notice to deliver: a notification and every person it went to (a group robot posts it once). */
export interface WebhookMessage {
  /** The notification id (generic) or the id of the first of the group (robots): the Idempotency-Key. */
  id: string;
  kind: string;
  title: string;
  body: string;
  subject: string;
  createdAt: Date;
  recipients: Array<{ id: string; username: string; displayName: string; unitCode: string | null }>;
}

export interface WebhookRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
}

/**
 * DingTalk's robot signature ("加签"): `sign` = base64(HMAC-SHA256(secret, `${timestamp}\n${secret}`)),
 * sent with `timestamp` (milliseconds) as query parameters.
 */
export function dingTalkSign(secret: string, timestampMs: number): string {
  return createHmac('sha256', secret).update(`${timestampMs}\n${secret}`, 'utf8').digest('base64');
}

/** Header of the signing time (Unix seconds) of a signed delivery. */
export const SIGNATURE_TIMESTAMP_HEADER = 'x-signature-timestamp';
/** Header of the signature of a signed delivery: `sha256=<hex>`. */
export const SIGNATURE_HEADER = 'x-signature';

/**
 * The signature of a delivery signed with WEBHOOK_SIGNING_SECRET: hex HMAC-SHA256 over
 * `<timestamp>.<body>` (timestamp in Unix seconds, body the exact bytes sent), so a receiver can
 * tell the body came from this system unchanged and refuse an old one replayed.
 */
export function webhookSignature(secret: string, timestampSeconds: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestampSeconds}.${body}`, 'utf8').digest('hex');
}

/** The markdown text a group robot posts: the title in bold, the body, to whom. */
function markdownText(message: WebhookMessage, heading: string): string {
  const names = message.recipients.map((r) => r.displayName).filter((n) => n !== '');
  return [heading, '', message.body, ...(names.length > 0 ? ['', `送：${names.join('、')}`] : [])].join('\n');
}

/**
 * The HTTP request that delivers a message in a format; `now` is the signing time. With a
 * `signingSecret` (WEBHOOK_SIGNING_SECRET) every format carries `X-Signature-Timestamp` and
 * `X-Signature: sha256=<hex>` (see `webhookSignature`).
 */
export function webhookRequest(
  format: WebhookFormat,
  url: string,
  message: WebhookMessage,
  options: { secret?: string; signingSecret?: string; now: Date },
): WebhookRequest {
  const request = unsignedRequest(format, url, message, options);
  if (!options.signingSecret) return request;
  const timestamp = Math.floor(options.now.getTime() / 1000);
  const signature = webhookSignature(options.signingSecret, timestamp, request.body);
  return {
    ...request,
    headers: {
      ...request.headers,
      [SIGNATURE_TIMESTAMP_HEADER]: String(timestamp),
      [SIGNATURE_HEADER]: `sha256=${signature}`,
    },
  };
}

function unsignedRequest(
  format: WebhookFormat,
  url: string,
  message: WebhookMessage,
  options: { secret?: string; now: Date },
): WebhookRequest {
  const headers = { 'content-type': 'application/json', 'idempotency-key': message.id };
  if (format === 'dingtalk') {
    let signedUrl = url;
    if (options.secret) {
      const timestamp = options.now.getTime();
      const target = new URL(url);
      target.searchParams.set('timestamp', String(timestamp));
      target.searchParams.set('sign', dingTalkSign(options.secret, timestamp));
      signedUrl = target.toString();
    }
    return {
      url: signedUrl,
      headers,
      body: JSON.stringify({
        msgtype: 'markdown',
        markdown: { title: message.title, text: markdownText(message, `#### ${message.title}`) },
      }),
    };
  }
  if (format === 'wecom')
    return {
      url,
      headers,
      body: JSON.stringify({
        msgtype: 'markdown',
        markdown: { content: markdownText(message, `**${message.title}**`) },
      }),
    };
  const [recipient] = message.recipients;
  return {
    url,
    headers,
    body: JSON.stringify({
      id: message.id,
      kind: message.kind,
      title: message.title,
      body: message.body,
      subject: message.subject,
      recipient: recipient ?? null,
      createdAt: message.createdAt.toISOString(),
    }),
  };
}

/**
 * Whether the receiver took the message. DingTalk and WeCom robots answer HTTP 200 with
 * `{"errcode":310000,"errmsg":"…"}` when they refuse one: only `errcode` 0 is delivered.
 */
export function webhookRefusal(format: WebhookFormat, status: number, responseText: string): string | null {
  if (status < 200 || status >= 300) return `webhook answered ${status}`;
  if (format === 'generic') return null;
  try {
    const answer = JSON.parse(responseText) as { errcode?: unknown; errmsg?: unknown };
    if (answer.errcode === 0) return null;
    return `robot refused: errcode ${String(answer.errcode)} ${typeof answer.errmsg === 'string' ? answer.errmsg : ''}`.trim();
  } catch {
    return `robot answered ${status} without JSON: ${responseText.slice(0, 200)}`;
  }
}
