import { workerProcessEnv } from './worker-process-env';

describe('workerProcessEnv', () => {
  it('starts the worker with two malloc arenas and keeps everything else it is given', () => {
    expect(workerProcessEnv({ PATH: '/usr/bin', LOG_LEVEL: 'warn' })).toEqual({
      PATH: '/usr/bin',
      LOG_LEVEL: 'warn',
      MALLOC_ARENA_MAX: '2',
    });
  });

  it("keeps an operator's own MALLOC_ARENA_MAX", () => {
    expect(workerProcessEnv({ MALLOC_ARENA_MAX: '8' }).MALLOC_ARENA_MAX).toBe('8');
  });
});
