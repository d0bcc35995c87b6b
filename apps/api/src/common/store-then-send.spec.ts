import { ConflictException, ServiceUnavailableException } from '@nestjs/common';
import { storeThenSend } from './store-then-send';

describe('storeThenSend', () => {
  const run = async (send: () => Promise<unknown>) => {
    const log: string[] = [];
    const outcome = await storeThenSend({
      store: () => Promise.resolve(void log.push('stored')),
      send: async () => {
        log.push('sent');
        return send();
      },
      discard: () => Promise.resolve(void log.push('discarded')),
    }).then(
      () => 'ok',
      (e: unknown) => (e as Error).constructor.name,
    );
    return { outcome, log };
  };

  it('stores before sending, and keeps the file when the step is accepted', async () => {
    expect(await run(() => Promise.resolve())).toEqual({ outcome: 'ok', log: ['stored', 'sent'] });
  });

  it('removes the file when the step is refused', async () => {
    expect(await run(() => Promise.reject(new ConflictException('no')))).toEqual({
      outcome: 'ConflictException',
      log: ['stored', 'sent', 'discarded'],
    });
  });

  it('keeps the file when the outcome is unknown (the step may still apply)', async () => {
    expect(await run(() => Promise.reject(new ServiceUnavailableException('worker away')))).toEqual({
      outcome: 'ServiceUnavailableException',
      log: ['stored', 'sent'],
    });
  });
});
