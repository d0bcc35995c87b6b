import { useMutation, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { App } from 'antd';
import { useRef } from 'react';
import { ApiError } from '../api/api-error';
import { newCommandKey } from '../api/client';

interface CommandOptions<TResult> {
  /** Queries this command changes: refetched once it is applied. */
  invalidates?: QueryKey[];
  /** Shown as a success message. */
  success?: string | ((result: TResult) => string);
  onSuccess?: (result: TResult) => void;
}

/**
 * A person's command (submit progress, approve, sign …) sent with an Idempotency-Key. The key is
 * kept while the same input is sent again after a failure that may not have been final (network,
 * 5xx, 503), so a retry is applied once; it is renewed after success, after a refusal, or when the
 * input changes.
 */
export function useCommand<TVariables, TResult>(
  send: (variables: TVariables, idempotencyKey: string) => Promise<TResult>,
  options: CommandOptions<TResult> = {},
) {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const pending = useRef<{ input: string; key: string } | null>(null);

  return useMutation<TResult, Error, TVariables>({
    mutationFn: (variables) => {
      const input = JSON.stringify(variables ?? null);
      if (pending.current?.input !== input) pending.current = { input, key: newCommandKey() };
      return send(variables, pending.current.key);
    },
    onSuccess: async (result) => {
      pending.current = null;
      await Promise.all(
        (options.invalidates ?? []).map((queryKey) => queryClient.invalidateQueries({ queryKey })),
      );
      if (options.success)
        void message.success(
          typeof options.success === 'function' ? options.success(result) : options.success,
        );
      options.onSuccess?.(result);
    },
    onError: (error) => {
      if (error instanceof ApiError && error.status < 500) pending.current = null;
    },
  });
}
