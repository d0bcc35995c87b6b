import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { Client, Connection } from '@temporalio/client';
import { SEARCH_ATTRIBUTES } from '../libs/contracts/src/search-attributes';
import { ensureTemporalCli } from '../libs/devstack/src/temporal-binaries';

/**
 * deploy/temporal/setup.sh (the compose service temporal-setup) run for real, with the Temporal
 * CLI against the test's Temporal server: it creates the namespace it is given, registers the
 * workflows' search attributes there, is safe to run again, and fails (non-zero) instead of
 * carrying on when a step cannot succeed.
 */
const SCRIPT = path.join(__dirname, '..', 'deploy', 'temporal', 'setup.sh');
const run = promisify(execFile);

async function setup(env: Record<string, string>): Promise<{ code: number; output: string }> {
  const cli = ensureTemporalCli(() => undefined);
  try {
    const { stdout, stderr } = await run('sh', [SCRIPT], {
      env: { PATH: `${path.dirname(cli)}:${process.env.PATH ?? ''}`, ...env },
      timeout: 90_000,
    });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, output: `${failed.stdout ?? ''}${failed.stderr ?? ''}` };
  }
}

describe('deploy/temporal/setup.sh', () => {
  const address = process.env.TEMPORAL_ADDRESS!;
  const namespace = `setup-${randomBytes(4).toString('hex')}`;
  let connection: Connection;

  beforeAll(async () => {
    connection = await Connection.connect({ address });
  });
  afterAll(async () => {
    await connection?.close();
  });

  it('creates TEMPORAL_NAMESPACE and registers every search attribute of the workflows in it; a second run changes nothing', async () => {
    const first = await setup({ TEMPORAL_ADDRESS: address, TEMPORAL_NAMESPACE: namespace });
    expect(first).toMatchObject({ code: 0 });
    expect(first.output).toContain(`creating namespace ${namespace}`);
    expect(first.output).toContain(`namespace ${namespace} is ready`);

    const described = await connection.workflowService.describeNamespace({ namespace });
    expect(described.namespaceInfo?.name).toBe(namespace);
    const { customAttributes } = await connection.operatorService.listSearchAttributes({ namespace });
    for (const key of SEARCH_ATTRIBUTES) expect(Object.keys(customAttributes ?? {})).toContain(key.name);

    // usable at once by a client of that namespace
    await new Client({ connection, namespace }).workflow.count();

    const again = await setup({ TEMPORAL_ADDRESS: address, TEMPORAL_NAMESPACE: namespace });
    expect(again).toMatchObject({ code: 0 });
    expect(again.output).toContain(`namespace ${namespace} exists`);
  });

  it('fails, naming what is wrong, without TEMPORAL_NAMESPACE or when no frontend answers', async () => {
    const missing = await setup({ TEMPORAL_ADDRESS: address });
    expect(missing.code).not.toBe(0);
    expect(missing.output).toContain('TEMPORAL_NAMESPACE is required');
    // nothing listens on port 1: the CLI fails at once; the script gives up after its tries
    const down = await setup({
      TEMPORAL_ADDRESS: '127.0.0.1:1',
      TEMPORAL_NAMESPACE: namespace,
      SETUP_WAIT_TRIES: '2',
    });
    expect(down.code).not.toBe(0);
    expect(down.output).toContain('gave up waiting for the Temporal frontend at 127.0.0.1:1');
  });
});
