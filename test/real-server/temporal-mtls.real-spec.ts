import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Connection } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time';
import { NativeConnection } from '@temporalio/worker';
import { loadEnvironment } from '../../libs/config/src/environment';
import { SEARCH_ATTRIBUTES } from '../../libs/contracts/src/search-attributes';
import { ensureTemporalServer, TEMPORAL_SERVER_VERSION } from '../../libs/devstack/src/temporal-server-build';
import { RunningRealTemporal, startRealTemporal } from '../../libs/devstack/src/temporal-server';
import { temporalConnectionSecurity } from '../../libs/temporal/src/connection-options';
import { createTestPki, TestPki } from '../support/test-pki';
import { roundTrip, startTestSystemWith } from '../support/round-trip';
import { TestSystem } from '../support/test-system';

/** The SDK's IndexedValueType numbers of the search attribute types the workflows use. */
const INDEXED_VALUE_TYPE: Record<string, number> = { KEYWORD: 2, INT: 3, DATETIME: 5 };

/**
 * The API and the worker against the real Temporal server (the version compose pins) whose
 * frontend requires mTLS, configured only through the TEMPORAL_TLS_* settings; certificates from
 * a throwaway CA made with openssl.
 */
describe('mTLS to the real Temporal server', () => {
  let pki: TestPki;
  let dir: string;
  let temporal: RunningRealTemporal;
  let settings: Record<string, string>;
  let system: TestSystem | undefined;

  beforeAll(async () => {
    const binaries = ensureTemporalServer();
    pki = createTestPki('temporal-test-ca');
    const frontend = pki.issue('frontend', 'server', 'temporal.test');
    const systemWorker = pki.issue('system-worker', 'client', 'temporal-system-worker');
    const app = pki.issue('campaign-engine', 'client', 'campaign-engine');
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'temporal-real-'));
    temporal = await startRealTemporal({
      binaries,
      dir,
      tls: {
        cert: frontend.cert,
        key: frontend.key,
        ca: pki.ca,
        serverName: 'temporal.test',
        clientCert: systemWorker.cert,
        clientKey: systemWorker.key,
      },
    });
    settings = {
      TEMPORAL_ADDRESS: temporal.address,
      TEMPORAL_TLS_CA: pki.ca,
      TEMPORAL_TLS_CERT: app.cert,
      TEMPORAL_TLS_KEY: app.key,
      TEMPORAL_TLS_SERVER_NAME: 'temporal.test',
    };
    // the namespace the test system uses, with the workflows' search attributes, over mTLS
    const connection = await Connection.connect({
      address: temporal.address,
      ...temporalConnectionSecurity(loadEnvironment(settings)),
    });
    try {
      await connection.workflowService.registerNamespace({
        namespace: 'default',
        workflowExecutionRetentionPeriod: msToTs('1 day'),
      });
      for (let attempt = 0; ; attempt++) {
        try {
          await connection.operatorService.addSearchAttributes({
            namespace: 'default',
            searchAttributes: Object.fromEntries(
              SEARCH_ATTRIBUTES.map((k) => [k.name, INDEXED_VALUE_TYPE[k.type]]),
            ),
          });
          break;
        } catch (error) {
          if (attempt > 60) throw error; // the new namespace reaches the frontend's cache within seconds
          await new Promise((resolve) => setTimeout(resolve, 1000));
        }
      }
    } finally {
      await connection.close();
    }
  }, 3_600_000);
  afterAll(async () => {
    await system?.close();
    await temporal?.stop();
    pki?.remove();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('runs a command through the API and the worker, both connected over mTLS', async () => {
    system = await startTestSystemWith(settings);
    // the worker's activity wrote the row: the workflow ran on the mTLS connections
    await roundTrip(system.http, system.adminAuth);
    await system.http().get('/api/ready').expect(200);
  });

  it('is refused without a client certificate and with a wrong server name', async () => {
    const { serverRootCACertificate } = temporalConnectionSecurity(loadEnvironment(settings)).tls!;
    await expect(
      Connection.connect({
        address: temporal.address,
        connectTimeout: 3000,
        tls: { serverNameOverride: 'temporal.test', serverRootCACertificate },
      }),
    ).rejects.toThrow();
    await expect(
      NativeConnection.connect({
        address: temporal.address,
        ...temporalConnectionSecurity(
          loadEnvironment(
            Object.fromEntries(Object.entries(settings).filter(([k]) => k !== 'TEMPORAL_TLS_SERVER_NAME')),
          ),
        ),
      }),
    ).rejects.toThrow();
    // and accepted with the settings: the server reports its version
    const native = await NativeConnection.connect({
      address: temporal.address,
      ...temporalConnectionSecurity(loadEnvironment(settings)),
    });
    const info = await native.workflowService.getSystemInfo({});
    await native.close();
    expect(info.serverVersion).toBe(TEMPORAL_SERVER_VERSION);
  });
});
