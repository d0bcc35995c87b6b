import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { corsOrigins, EnvironmentError, loadEnvironment } from './environment';

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

  it('accepts only true/false (or 1/0) for a boolean, refusing yes instead of reading it as false', () => {
    expect(loadEnvironment({ DB_MIGRATE_ON_START: '0', OPENAPI_UI: '1' })).toMatchObject({
      DB_MIGRATE_ON_START: false,
      OPENAPI_UI: true,
    });
    expect(loadEnvironment({ DB_MIGRATE_ON_START: 'true' }).DB_MIGRATE_ON_START).toBe(true);
    for (const value of ['yes', 'no', 'on', 'TRUE ', '2']) {
      expect(() => loadEnvironment({ DB_MIGRATE_ON_START: value })).toThrow(
        `DB_MIGRATE_ON_START=${JSON.stringify(value)}: must be true or false (or 1 or 0)`,
      );
    }
    expect(() => loadEnvironment({ OPENAPI_UI: 'yes' })).toThrow('OPENAPI_UI="yes"');
  });

  it('takes the webhook formats generic, dingtalk and wecom, nothing else', () => {
    expect(loadEnvironment({}).NOTIFICATION_WEBHOOK_FORMAT).toBe('generic');
    expect(loadEnvironment({ NOTIFICATION_WEBHOOK_FORMAT: 'dingtalk' }).NOTIFICATION_WEBHOOK_FORMAT).toBe(
      'dingtalk',
    );
    expect(() => loadEnvironment({ NOTIFICATION_WEBHOOK_FORMAT: 'feishu' })).toThrow(
      /NOTIFICATION_WEBHOOK_FORMAT="feishu": NOTIFICATION_WEBHOOK_FORMAT must be one of the following values: generic, dingtalk, wecom/,
    );
    expect(() => loadEnvironment({ NOTIFICATION_WEBHOOK_SECRET: 'short' })).toThrow(
      'NOTIFICATION_WEBHOOK_SECRET="short": must be at least 8 characters',
    );
  });

  it('refuses PAYMENT_GATEWAY=http without its URL, naming the missing variable', () => {
    expect(() => loadEnvironment({ PAYMENT_GATEWAY: 'http' })).toThrow(
      'PAYMENT_GATEWAY_URL (not set): is required when PAYMENT_GATEWAY=http',
    );
    expect(() => loadEnvironment({ PAYMENT_GATEWAY: 'http', PAYMENT_GATEWAY_URL: 'ftp://x' })).toThrow(
      'PAYMENT_GATEWAY_URL="ftp://x": must be an http(s) URL',
    );
    expect(
      loadEnvironment({ PAYMENT_GATEWAY: 'http', PAYMENT_GATEWAY_URL: 'http://gateway:8080/transfers' }),
    ).toMatchObject({ PAYMENT_GATEWAY: 'http', PAYMENT_GATEWAY_URL: 'http://gateway:8080/transfers' });
    expect(loadEnvironment({}).PAYMENT_GATEWAY).toBe('simulated');
  });

  it('gives one clear problem per wrong variable, and refuses a number with trailing text', () => {
    let message = '';
    try {
      loadEnvironment({ PORT: '80x', LOG_LEVEL: 'loud' });
    } catch (e) {
      message = (e as Error).message;
    }
    const lines = message.split('\n').slice(1);
    expect(lines).toEqual([
      '  PORT="80x": PORT must be an integer number',
      expect.stringContaining('  LOG_LEVEL="loud": LOG_LEVEL must be one of the following values') as string,
    ]);
  });

  it('reads the production settings strictly: CORS origins, the OpenAPI pages, the pool, the statement timeout, the webhook signing secret', () => {
    const env = loadEnvironment({
      CORS_ORIGINS: 'https://console.example.gov.cn, http://10.0.0.5:8080',
      OPENAPI_UI: 'false',
      DB_POOL_SIZE: '8',
      DB_STATEMENT_TIMEOUT_MS: '30000',
      WEBHOOK_SIGNING_SECRET: 'x'.repeat(32),
    });
    expect(env).toMatchObject({ OPENAPI_UI: false, DB_POOL_SIZE: 8, DB_STATEMENT_TIMEOUT_MS: 30000 });
    expect(corsOrigins(env)).toEqual(['https://console.example.gov.cn', 'http://10.0.0.5:8080']);
    expect(loadEnvironment({})).toMatchObject({
      OPENAPI_UI: true,
      DB_POOL_SIZE: 20,
      DB_STATEMENT_TIMEOUT_MS: 0,
    });
    expect(corsOrigins(loadEnvironment({}))).toEqual([]);

    let message = '';
    try {
      loadEnvironment({
        CORS_ORIGINS: 'https://console.example.gov.cn/app',
        OPENAPI_UI: 'off',
        DB_POOL_SIZE: '0',
        DB_STATEMENT_TIMEOUT_MS: '30s',
        WEBHOOK_SIGNING_SECRET: 'short',
      });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message.split('\n').slice(1).sort()).toEqual([
      '  CORS_ORIGINS="https://console.example.gov.cn/app": must be origins like https://console.example.gov.cn, comma-separated, without a path',
      '  DB_POOL_SIZE="0": DB_POOL_SIZE must not be less than 1',
      '  DB_STATEMENT_TIMEOUT_MS="30s": DB_STATEMENT_TIMEOUT_MS must be an integer number',
      '  OPENAPI_UI="off": must be true or false (or 1 or 0)',
      '  WEBHOOK_SIGNING_SECRET="short": must be at least 32 characters',
    ]);
    expect(() => loadEnvironment({ CORS_ORIGINS: '*' })).toThrow('CORS_ORIGINS="*"');
  });

  it('checks the Temporal TLS settings at start: a certificate needs its key, and every file must be readable', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tls-settings-'));
    const pem = path.join(dir, 'client.pem');
    fs.writeFileSync(pem, '-----BEGIN CERTIFICATE-----\n');
    try {
      expect(() => loadEnvironment({ TEMPORAL_TLS_CERT: pem })).toThrow(
        'TEMPORAL_TLS_KEY (not set): is required with TEMPORAL_TLS_CERT (a client certificate and its key go together)',
      );
      expect(() => loadEnvironment({ TEMPORAL_TLS_KEY: pem })).toThrow(
        'TEMPORAL_TLS_CERT (not set): is required with TEMPORAL_TLS_KEY',
      );
      const missing = path.join(dir, 'no-such-ca.pem');
      expect(() => loadEnvironment({ TEMPORAL_TLS_CA: missing })).toThrow(
        `TEMPORAL_TLS_CA="${missing}": file ${missing} cannot be read (ENOENT)`,
      );
      expect(() => loadEnvironment({ TEMPORAL_TLS_CA: dir })).toThrow(`file ${dir} is not a file`);
      expect(
        loadEnvironment({
          TEMPORAL_TLS_CA: pem,
          TEMPORAL_TLS_CERT: pem,
          TEMPORAL_TLS_KEY: pem,
          TEMPORAL_TLS_SERVER_NAME: 'temporal.example.gov.cn',
          TEMPORAL_API_KEY: 'an-api-key-value',
        }),
      ).toMatchObject({ TEMPORAL_TLS_CERT: pem, TEMPORAL_TLS_SERVER_NAME: 'temporal.example.gov.cn' });
      expect(() => loadEnvironment({ TEMPORAL_TLS_SERVER_NAME: 'bad name' })).toThrow('must be a host name');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
