import { ApplicationFailure } from '@temporalio/common';
import { Writable } from 'node:stream';
import pino from 'pino';
import { PinoTemporalLogger, serialiseErrors } from './temporal-logger';

describe('worker log lines carry the error', () => {
  it('an activity failure logs its message, type and cause instead of "error":{}', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const logger = new PinoTemporalLogger(pino({ level: 'info' }, sink));
    const failure = ApplicationFailure.create({
      type: 'GATEWAY_UNAVAILABLE',
      message: '支付网关无应答：connect ECONNREFUSED 127.0.0.1:9',
      cause: new Error('connect ECONNREFUSED 127.0.0.1:9'),
    });
    logger.warn('Activity failed', { error: failure, durationMs: 12 });
    const line = JSON.parse(lines[0]) as { error: Record<string, unknown>; durationMs: number };
    expect(line.durationMs).toBe(12);
    expect(line.error).toMatchObject({
      type: 'ApplicationFailure',
      message: '支付网关无应答：connect ECONNREFUSED 127.0.0.1:9',
      failureType: 'GATEWAY_UNAVAILABLE',
      nonRetryable: false,
      cause: { type: 'Error', message: 'connect ECONNREFUSED 127.0.0.1:9' },
    });
  });

  it('leaves other metadata as it is, and serialises errors in a list', () => {
    expect(serialiseErrors({ a: 1, list: [new Error('x'), 'y'] })).toMatchObject({
      a: 1,
      list: [{ type: 'Error', message: 'x' }, 'y'],
    });
  });
});
