/**
 * glibc's malloc arenas for the worker: two instead of eight per core. The worker's RSS per cached
 * workflow measured 325–342 KiB with two and 407–413 KiB with glibc's default (`npm run
 * bench:worker-memory`; issue #17 asks for at most 400 KiB). docker-compose.yml sets the same.
 */
export const WORKER_MALLOC_ARENA_MAX = '2';

/**
 * The environment the worker's process starts with, under `npm start` and the benchmarks alike: the
 * given one, with `MALLOC_ARENA_MAX` unless it already names one (glibc reads it once, at start,
 * so it must be in the environment the process is started with, not set from inside it).
 */
export function workerProcessEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return env.MALLOC_ARENA_MAX ? env : { ...env, MALLOC_ARENA_MAX: WORKER_MALLOC_ARENA_MAX };
}
