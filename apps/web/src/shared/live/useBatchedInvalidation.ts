import { useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useCallback, useEffect, useRef } from 'react';

const BATCH_MS = 150;

/**
 * Invalidates queries a moment later, each once however many events named it meanwhile: a burst of
 * events (a reconnect replaying what was missed, a bulk step) costs one refetch per query.
 */
export function useBatchedInvalidation(): (key: QueryKey) => void {
  const queryClient = useQueryClient();
  const pending = useRef(new Map<string, QueryKey>());
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );

  return useCallback(
    (key: QueryKey) => {
      pending.current.set(JSON.stringify(key), key);
      timer.current ??= setTimeout(() => {
        timer.current = null;
        const keys = [...pending.current.values()];
        pending.current.clear();
        for (const queryKey of keys) void queryClient.invalidateQueries({ queryKey });
      }, BATCH_MS);
    },
    [queryClient],
  );
}
