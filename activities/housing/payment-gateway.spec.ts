import { createServer, IncomingHttpHeaders, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { httpGateway, PaymentRefusedError, TransferRequest } from './payment-gateway';

interface Received {
  method: string | undefined;
  url: string | undefined;
  headers: IncomingHttpHeaders;
  body: unknown;
}

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

const request: TransferRequest = {
  idempotencyKey: 'household-42:attempt-1',
  payee: '6217000010001234567',
  amountFen: 2_000_000,
  reference: '危房改造补助 张三户',
};

function answer(status: number, body: unknown, contentType = 'application/json'): Handler {
  return (_request, response) => {
    response.writeHead(status, { 'content-type': contentType });
    response.end(typeof body === 'string' ? body : JSON.stringify(body));
  };
}

describe('httpGateway', () => {
  let server: Server;
  let url: string;
  let handler: Handler;
  const received: Received[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        received.push({
          method: req.method,
          url: req.url,
          headers: req.headers,
          body: text ? JSON.parse(text) : undefined,
        });
        handler(req, res);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/transfers`;
  });

  beforeEach(() => {
    received.length = 0;
    handler = answer(500, { message: 'no handler set' });
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve, reject) =>
      server.close((error) => (error ? reject(error) : resolve())),
    );
  });

  it('posts the transfer as JSON with its idempotency key and returns the receipt of a 2xx answer', async () => {
    handler = answer(200, { transactionId: 'BANK-0001', paidAt: '2024-05-11T02:00:00.000Z', extra: true });
    await expect(httpGateway(url).transfer(request)).resolves.toEqual({
      transactionId: 'BANK-0001',
      paidAt: '2024-05-11T02:00:00.000Z',
    });
    expect(received).toHaveLength(1);
    const [call] = received;
    expect(call.method).toBe('POST');
    expect(call.url).toBe('/transfers');
    expect(call.headers['idempotency-key']).toBe('household-42:attempt-1');
    expect(call.headers['content-type']).toBe('application/json');
    expect(call.body).toEqual({
      payee: '6217000010001234567',
      amountFen: 2_000_000,
      reference: '危房改造补助 张三户',
    });
  });

  it('accepts any 2xx status', async () => {
    handler = answer(201, { transactionId: 'BANK-0002', paidAt: '2024-05-11T03:00:00.000Z' });
    await expect(httpGateway(url).transfer(request)).resolves.toEqual({
      transactionId: 'BANK-0002',
      paidAt: '2024-05-11T03:00:00.000Z',
    });
  });

  it('sends the same key again when the same request is retried', async () => {
    handler = answer(200, { transactionId: 'BANK-0003', paidAt: '2024-05-11T04:00:00.000Z' });
    const gateway = httpGateway(url);
    await gateway.transfer(request);
    await gateway.transfer(request);
    await gateway.transfer({ ...request, idempotencyKey: 'household-42:attempt-2' });
    expect(received.map((r) => r.headers['idempotency-key'])).toEqual([
      'household-42:attempt-1',
      'household-42:attempt-1',
      'household-42:attempt-2',
    ]);
  });

  it.each([400, 402, 409, 422, 499])(
    'turns a %i answer into a refusal carrying the server’s message',
    async (status) => {
      handler = answer(status, { message: '收款账户已销户' });
      const error: unknown = await httpGateway(url)
        .transfer(request)
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PaymentRefusedError);
      expect((error as Error).message).toBe('收款账户已销户');
    },
  );

  it('gives a refusal without a message a reason naming the status', async () => {
    handler = answer(403, 'Forbidden', 'text/plain');
    const error: unknown = await httpGateway(url)
      .transfer(request)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PaymentRefusedError);
    expect((error as Error).message).toBe('支付渠道拒绝（HTTP 403）');
  });

  it.each([500, 502, 503])('treats a %i answer as transient, not as a refusal', async (status) => {
    handler = answer(status, { message: '系统繁忙' });
    const error: unknown = await httpGateway(url)
      .transfer(request)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(PaymentRefusedError);
    expect((error as Error).message).toBe(`payment gateway answered ${status}`);
  });

  it('treats a 2xx answer without a receipt as transient', async () => {
    for (const body of [{ paidAt: '2024-05-11T02:00:00.000Z' }, { transactionId: 'BANK-1' }, 'not json']) {
      handler = answer(200, body);
      const error: unknown = await httpGateway(url)
        .transfer(request)
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Error);
      expect(error).not.toBeInstanceOf(PaymentRefusedError);
      expect((error as Error).message).toBe('payment gateway answered 200');
    }
  });

  it('gives up on a gateway that does not answer in time, without calling it a refusal', async () => {
    handler = () => undefined;
    const error: unknown = await httpGateway(url, 200)
      .transfer(request)
      .catch((e: unknown) => e);
    // fetch's errors come from Node's own realm, not from the test sandbox: compare by name.
    expect((error as Error).name).toBe('TimeoutError');
    expect(error).not.toBeInstanceOf(PaymentRefusedError);
    expect(received).toHaveLength(1);
  });

  it('fails transiently when nothing listens', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const error: unknown = await httpGateway(`http://127.0.0.1:${port}/transfers`)
      .transfer(request)
      .catch((e: unknown) => e);
    expect((error as Error).name).toBe('TypeError');
    expect((error as Error).message).toBe('fetch failed');
    expect(error).not.toBeInstanceOf(PaymentRefusedError);
  });
});
