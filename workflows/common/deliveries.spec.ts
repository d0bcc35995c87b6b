import { patched } from '@temporalio/workflow';
import { Deliveries } from './deliveries';

jest.mock('@temporalio/workflow', () => ({ patched: jest.fn() }));
const patchedMock = patched as jest.MockedFunction<typeof patched>;

/** A delivery per call: the first answers at once, the others hang (a receiver that is down). */
function receiver() {
  let calls = 0;
  return (_: { notificationIds: string[] }) =>
    calls++ === 0 ? Promise.resolve() : new Promise<never>(() => undefined);
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('Deliveries before continue-as-new', () => {
  it('hands the undelivered notifications to the next run without waiting for a receiver that is down', async () => {
    patchedMock.mockReturnValue(true);
    const deliveries = new Deliveries(receiver());
    deliveries.send(['n1', 'n2']);
    deliveries.send(['n4', 'n3']);
    deliveries.send([]);
    await tick();
    await expect(deliveries.handOver()).resolves.toEqual(['n3', 'n4']);
  });

  it('in a run recorded before the patch, waits for every delivery as it did then', async () => {
    patchedMock.mockReturnValue(false);
    const deliveries = new Deliveries(receiver());
    deliveries.send(['n1']);
    deliveries.send(['n2']);
    const outcome = await Promise.race([
      deliveries.handOver().then(() => 'handed over'),
      tick().then(() => 'waiting'),
    ]);
    expect(outcome).toBe('waiting');
  });
});
