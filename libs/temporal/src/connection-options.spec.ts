import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { temporalConnectionSecurity } from './connection-options';

describe('temporalConnectionSecurity', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'temporal-tls-'));
  const file = (name: string) => {
    const full = path.join(dir, name);
    fs.writeFileSync(full, `${name} contents`);
    return full;
  };
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('is a plain connection when nothing is set (the dev server)', () => {
    expect(temporalConnectionSecurity({})).toEqual({});
  });

  it('reads the CA and the client pair for mTLS, with the server name to check', () => {
    const security = temporalConnectionSecurity({
      TEMPORAL_TLS_CA: file('ca.pem'),
      TEMPORAL_TLS_CERT: file('client.pem'),
      TEMPORAL_TLS_KEY: file('client.key'),
      TEMPORAL_TLS_SERVER_NAME: 'temporal.internal',
    });
    expect(security).toEqual({
      tls: {
        serverNameOverride: 'temporal.internal',
        serverRootCACertificate: Buffer.from('ca.pem contents'),
        clientCertPair: { crt: Buffer.from('client.pem contents'), key: Buffer.from('client.key contents') },
      },
    });
  });

  it('sends an API key over TLS with the system CAs (Temporal Cloud)', () => {
    expect(temporalConnectionSecurity({ TEMPORAL_API_KEY: 'key-123456' })).toEqual({
      tls: {},
      apiKey: 'key-123456',
    });
  });

  it('refuses a certificate without its key, and a file it cannot read, naming the setting', () => {
    expect(() => temporalConnectionSecurity({ TEMPORAL_TLS_CERT: file('only.pem') })).toThrow(
      'TEMPORAL_TLS_KEY is required with TEMPORAL_TLS_CERT',
    );
    const gone = path.join(dir, 'gone.pem');
    expect(() => temporalConnectionSecurity({ TEMPORAL_TLS_CA: gone })).toThrow(
      `TEMPORAL_TLS_CA="${gone}": file cannot be read (ENOENT)`,
    );
  });
});
