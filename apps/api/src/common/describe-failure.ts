import { ConflictException, Logger } from '@nestjs/common';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { isDatabaseOutage } from './api-error.filter';
import { CommonErrors } from './errors/common.errors';
import { isTemporalUnreachable } from './workflow-wait';

const logger = new Logger('BulkAction');

const { DATABASE_UNAVAILABLE, ILLEGAL_STEP, INTERNAL_ERROR, TEMPORAL_UNAVAILABLE, WORKER_UNAVAILABLE } =
  CommonErrors.codes;

/** Codes after which a bulk action stops sending: the next objects would meet the same outage. */
export const OUTAGE_CODES = new Set<string>([TEMPORAL_UNAVAILABLE, WORKER_UNAVAILABLE, DATABASE_UNAVAILABLE]);

/**
 * The code and reason of one refused object in a bulk action (the others go on). Never throws: an
 * unexpected error becomes that object's failure, so a batch that was partly applied still answers
 * with a result per object.
 */
export function describeFailure(error: unknown): { code: string; message: string } {
  if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure) {
    return { code: error.cause.type ?? ILLEGAL_STEP, message: error.cause.message };
  }
  const response = (error as { getResponse?: () => unknown }).getResponse?.() as
    { code?: string; message?: string; details?: { advice?: string } } | undefined;
  if (response?.code) {
    const advice = response.details?.advice;
    return { code: response.code, message: `${response.message ?? ''}${advice ? `（${advice}）` : ''}` };
  }
  if (error instanceof ConflictException) return { code: 'CONFLICT', message: error.message };
  if (isTemporalUnreachable(error))
    return { code: TEMPORAL_UNAVAILABLE, message: '未执行：流程引擎（Temporal）暂不可用' };
  if (isDatabaseOutage(error)) return { code: DATABASE_UNAVAILABLE, message: '未执行：数据库暂不可用' };
  logger.error(error instanceof Error ? error.stack : String(error));
  return { code: INTERNAL_ERROR, message: '办理时发生内部错误，结果未知，请查看该对象当前状态' };
}

/** The failure of an object a bulk action did not send because an earlier one met an outage. */
export function notSentAfterOutage(code: string): { code: string; message: string } {
  const what =
    code === DATABASE_UNAVAILABLE
      ? '数据库暂不可用'
      : code === WORKER_UNAVAILABLE
        ? '流程处理服务未在时限内接手'
        : '流程引擎（Temporal）暂不可用';
  return { code, message: `未执行：${what}，本条未发送，可稍后重试` };
}
