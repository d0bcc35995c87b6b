import { ConflictException } from '@nestjs/common';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';

/** The code and reason of one refused object in a bulk action (the others go on). */
export function describeFailure(error: unknown): { code: string; message: string } {
  if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure) {
    return { code: error.cause.type ?? 'ILLEGAL_STEP', message: error.cause.message };
  }
  const response = (error as { getResponse?: () => unknown }).getResponse?.() as
    { code?: string; message?: string } | undefined;
  if (response?.code) return { code: response.code, message: response.message ?? '' };
  if (error instanceof ConflictException) return { code: 'CONFLICT', message: error.message };
  throw error;
}
