import { QueryFailedError } from 'typeorm';
import { renderError } from './api-error.filter';

const request = { id: 'r1', originalUrl: '/api/x', url: '/api/x' } as Parameters<typeof renderError>[1];
const pgError = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('outages leave the API as a 503 naming what is down', () => {
  it.each([
    [
      'connection refused (AggregateError of both addresses)',
      Object.assign(new AggregateError([pgError('ECONNREFUSED')], ''), { code: 'ECONNREFUSED' }),
    ],
    [
      'administrator shutdown during a query',
      new QueryFailedError(
        'SELECT 1',
        [],
        pgError('57P01', 'terminating connection due to administrator command'),
      ),
    ],
    ['the server is starting up', pgError('57P03', 'the database system is starting up')],
    [
      'connection lost mid-query',
      new QueryFailedError('SELECT 1', [], new Error('Connection terminated unexpectedly')),
    ],
    ['no pooled connection in time', new Error('timeout exceeded when trying to connect')],
  ])('Postgres: %s', (_, error) => {
    const { status, body } = renderError(error, request);
    expect(status).toBe(503);
    expect(body).toMatchObject({ code: 'DATABASE_UNAVAILABLE', message: '数据库暂不可用，请稍后重试' });
  });

  it('Temporal unreachable on a read (a query to a workflow)', () => {
    const grpc = Object.assign(new Error('14 UNAVAILABLE: No connection established'), {
      code: 14,
      details: 'No connection established',
      metadata: {},
    });
    const { status, body } = renderError(
      Object.assign(new Error('Failed to query workflow'), { cause: grpc }),
      request,
    );
    expect(status).toBe(503);
    expect(body.code).toBe('TEMPORAL_UNAVAILABLE');
  });

  it('a constraint violation is still not an outage', () => {
    expect(renderError(new QueryFailedError('INSERT', [], pgError('23505')), request).status).toBe(409);
    expect(renderError(new QueryFailedError('SELECT', [], pgError('42P01')), request).status).toBe(500);
  });
});
