import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { ApiError } from '../../../api/api-error';
import { api, IDEMPOTENCY_HEADER, must, newCommandKey } from '../../../api/client';
import type { BulkResult, StepBody } from './household-types';
import { HOUSEHOLDS_ROOT_KEY } from './household-types';

/** Households per request: a batch of hundreds goes in several, one after the other. */
export const BULK_CHUNK = 100;

export interface BulkRun {
  step: StepBody;
  householdIds: string[];
  /** One Idempotency-Key per chunk, kept when that chunk is sent again after a failure. */
  chunkKeys: string[];
  results: BulkResult[];
  /** Chunks answered so far. */
  chunksDone: number;
  running: boolean;
  /** Why the batch stopped (network, 5xx): the chunk can be sent again with the same key. */
  stoppedBy: unknown;
}

const chunksOf = <T>(items: T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));

/**
 * Sends one step for many households in chunks of BULK_CHUNK, sequentially, each chunk with its
 * own Idempotency-Key. A chunk refused as a whole (4xx) is recorded as that refusal for each of its
 * households and the batch goes on; a failure that may not be final (network, 5xx) stops the batch
 * so that `resume` sends the same chunk again with the same key.
 */
export function useBulkStep() {
  const queryClient = useQueryClient();
  const [run, setRun] = useState<BulkRun | null>(null);
  const current = useRef<BulkRun | null>(null);

  const publish = (next: BulkRun) => {
    current.current = next;
    setRun(next);
  };

  const sendFrom = async (start: BulkRun) => {
    let state: BulkRun = { ...start, running: true, stoppedBy: null };
    publish(state);
    const chunks = chunksOf(state.householdIds, BULK_CHUNK);
    for (let index = state.chunksDone; index < chunks.length; index++) {
      const householdIds = chunks[index];
      let answers: BulkResult[];
      try {
        answers = await must(
          api.POST('/api/housing/households/steps', {
            headers: { [IDEMPOTENCY_HEADER]: state.chunkKeys[index] },
            body: { householdIds, step: state.step },
          }),
        );
      } catch (error) {
        if (error instanceof ApiError && error.status < 500) {
          answers = householdIds.map((householdId) => ({
            householdId,
            ok: false,
            code: error.code,
            message: error.message,
          }));
        } else {
          state = { ...state, running: false, stoppedBy: error };
          publish(state);
          await queryClient.invalidateQueries({ queryKey: HOUSEHOLDS_ROOT_KEY });
          return;
        }
      }
      state = { ...state, results: [...state.results, ...answers], chunksDone: index + 1 };
      publish(state);
    }
    state = { ...state, running: false };
    publish(state);
    await queryClient.invalidateQueries({ queryKey: HOUSEHOLDS_ROOT_KEY });
  };

  return {
    run,
    start: (step: StepBody, householdIds: string[]) =>
      sendFrom({
        step,
        householdIds,
        chunkKeys: chunksOf(householdIds, BULK_CHUNK).map(() => newCommandKey()),
        results: [],
        chunksDone: 0,
        running: true,
        stoppedBy: null,
      }),
    resume: () => (current.current ? sendFrom(current.current) : Promise.resolve()),
    clear: () => {
      current.current = null;
      setRun(null);
    },
  };
}
