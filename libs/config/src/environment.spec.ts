import { EnvironmentError, loadEnvironment } from './environment';

describe('loadEnvironment', () => {
  it('applies the documented defaults', () => {
    const env = loadEnvironment({});
    expect(env).toMatchObject({
      PORT: 3000,
      TEMPORAL_NAMESPACE: 'default',
      TEMPORAL_TASK_QUEUE: 'campaign-engine',
      DB_MIGRATE_ON_START: true,
      LOG_LEVEL: 'info',
    });
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it('reads and converts given values', () => {
    const env = loadEnvironment({
      PORT: '8080',
      DATABASE_URL: 'postgres://u:p@db:5432/app',
      TEMPORAL_ADDRESS: 'temporal:7233',
      DB_MIGRATE_ON_START: 'false',
    });
    expect(env).toMatchObject({
      PORT: 8080,
      DATABASE_URL: 'postgres://u:p@db:5432/app',
      DB_MIGRATE_ON_START: false,
    });
  });

  it('names every wrong variable in one error', () => {
    let error: unknown;
    try {
      loadEnvironment({
        PORT: 'eighty',
        TEMPORAL_ADDRESS: 'no-port',
        LOG_LEVEL: 'loud',
        DATABASE_URL: 'mysql://x',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(EnvironmentError);
    const message = (error as Error).message;
    for (const name of [
      'PORT="eighty"',
      'TEMPORAL_ADDRESS="no-port"',
      'LOG_LEVEL="loud"',
      'DATABASE_URL="mysql://x"',
    ]) {
      expect(message).toContain(name);
    }
  });

  it('ignores variables it does not know', () => {
    expect(() => loadEnvironment({ HOME: '/root', SOMETHING_ELSE: '1' })).not.toThrow();
  });
});
