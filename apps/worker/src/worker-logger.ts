import type { Logger } from 'pino';

export const WORKER_LOGGER = Symbol('WORKER_LOGGER');
export type WorkerLogger = Logger;
