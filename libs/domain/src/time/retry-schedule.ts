/**
 * When Temporal tries a failed activity again: `initialInterval × backoffCoefficient^(try − 1)`,
 * at most `maximumInterval`, after the failed try (Temporal's retry policy; intervals in ms).
 * Null when the policy allows no further try. Pure.
 */
export function nextTryAt(
  policy: {
    initialIntervalMs: number;
    backoffCoefficient?: number;
    maximumIntervalMs?: number;
    maximumAttempts?: number;
  },
  failedTry: number,
  failedAt: Date,
): Date | null {
  if (
    policy.maximumAttempts !== undefined &&
    policy.maximumAttempts > 0 &&
    failedTry >= policy.maximumAttempts
  )
    return null;
  const coefficient = policy.backoffCoefficient ?? 2;
  const maximum = policy.maximumIntervalMs ?? policy.initialIntervalMs * 100;
  const interval = Math.min(policy.initialIntervalMs * coefficient ** Math.max(0, failedTry - 1), maximum);
  return new Date(failedAt.getTime() + interval);
}
