import { Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { loadEnvironment } from '../libs/config/src/environment';
import { temporalConnectionSecurity } from '../libs/temporal/src/connection-options';
import { createTestPki, TestPki } from './support/test-pki';
import { roundTrip, startTestSystemWith } from './support/round-trip';
import { TestSystem } from './support/test-system';
import { startTlsFront } from './support/tls-front';

/**
 * The API's client and the worker's native connection over mTLS to a Temporal frontend that
 * requires a client certificate (the test's dev server behind a TLS frontend; certificates from a
 * throwaway CA made with openssl), configured only through TEMPORAL_TLS_* settings.
 */
describe('TLS and mTLS to Temporal', () => {
  let pki: TestPki;
  let rogue: TestPki;
  let front: Awaited<ReturnType<typeof startTlsFront>>;
  let settings: Record<string, string>;
  let rogueClient: { cert: string; key: string };
  let system: TestSystem | undefined;

  beforeAll(async () => {
    pki = createTestPki('temporal-test-ca');
    rogue = createTestPki('another-ca');
    const server = pki.issue('frontend', 'server', 'temporal.test');
    const client = pki.issue('campaign-engine', 'client', 'campaign-engine');
    rogueClient = rogue.issue('campaign-engine', 'client', 'campaign-engine');
    front = await startTlsFront({
      target: process.env.TEMPORAL_ADDRESS!,
      cert: server.cert,
      key: server.key,
      ca: pki.ca,
      requireClientCert: true,
    });
    settings = {
      TEMPORAL_ADDRESS: front.address,
      TEMPORAL_TLS_CA: pki.ca,
      TEMPORAL_TLS_CERT: client.cert,
      TEMPORAL_TLS_KEY: client.key,
      TEMPORAL_TLS_SERVER_NAME: 'temporal.test',
    };
  });
  afterAll(async () => {
    await system?.close();
    await front?.close();
    pki?.remove();
    rogue?.remove();
  });

  it('runs a command through the API and the worker, both connected over mTLS', async () => {
    system = await startTestSystemWith(settings);
    // the worker's activity wrote the row: the workflow ran on the mTLS connections
    await roundTrip(system.http, system.adminAuth);
    await system.http().get('/api/ready').expect(200);
    // the API's client and the worker (its poller and its client) each came through the frontend
    expect(front.accepted).toBeGreaterThanOrEqual(2);
    expect(front.refused).toEqual([]);
  });

  it('connects a client and a native (worker) connection with the settings alone', async () => {
    const security = temporalConnectionSecurity(loadEnvironment(settings));
    const client = await Connection.connect({ address: front.address, ...security });
    await expect(client.workflowService.getSystemInfo({})).resolves.toBeDefined();
    await client.close();
    const native = await NativeConnection.connect({ address: front.address, ...security });
    await expect(native.workflowService.getSystemInfo({})).resolves.toBeDefined();
    await native.close();
  });

  it('is refused without a client certificate, with one of another CA, and when the server name does not match', async () => {
    const refusedBefore = front.refused.length;
    const attempt = (env: Record<string, string>) =>
      Connection.connect({
        address: front.address,
        connectTimeout: 3000,
        ...temporalConnectionSecurity(loadEnvironment(env)),
      }).then(async (connection) => {
        await connection.close();
        return 'connected';
      });
    const without = (...names: string[]) =>
      Object.fromEntries(Object.entries(settings).filter(([name]) => !names.includes(name)));
    await expect(attempt(without('TEMPORAL_TLS_CERT', 'TEMPORAL_TLS_KEY'))).rejects.toThrow();
    await expect(
      attempt({ ...settings, TEMPORAL_TLS_CERT: rogueClient.cert, TEMPORAL_TLS_KEY: rogueClient.key }),
    ).rejects.toThrow();
    // the certificate names temporal.test, not the address's 127.0.0.1
    await expect(attempt(without('TEMPORAL_TLS_SERVER_NAME'))).rejects.toThrow();
    // the worker's connection is refused the same way
    await expect(
      NativeConnection.connect({
        address: front.address,
        ...temporalConnectionSecurity(
          loadEnvironment({
            ...settings,
            TEMPORAL_TLS_CERT: rogueClient.cert,
            TEMPORAL_TLS_KEY: rogueClient.key,
          }),
        ),
      }),
    ).rejects.toThrow();
    // the frontend refused the handshakes that offered no or a foreign certificate
    expect(front.refused.length).toBeGreaterThan(refusedBefore);
  });
});
