import { declareErrors } from '../common/errors/error-catalogue';

/** Codes of the readiness check (WORKER_UNAVAILABLE, when only the worker is missing, is common). */
export const HealthErrors = declareErrors('health', {
  NOT_READY: { status: 503, message: '服务未就绪' },
});
