/** How long to poll, and what to say when it gives up. */
export interface Polling<T> {
  /** Give up after this long (ms); 20 s unless said. */
  timeoutMs?: number;
  /** The pause between two reads (ms); 100 unless said. */
  intervalMs?: number;
  /** The failure's message from the last value read; `timed out waiting for <what>: <last value>` unless said. */
  failure?: (last: T) => string;
}

/**
 * Reads until `done` holds of what was read and answers that value (a projection, a workflow's
 * state or a page may land a moment after the step that caused it). Fails naming `what` once
 * `timeoutMs` has passed and timeoutMs / intervalMs reads were made. The one polling helper of the
 * tests: unit, integration and browser specs bind their own timing to it.
 */
export async function eventually<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  what: string,
  { timeoutMs = 20_000, intervalMs = 100, failure }: Polling<T> = {},
): Promise<T> {
  // At least `timeoutMs`, and at least timeoutMs / intervalMs reads when reads are slow.
  const deadline = Date.now() + timeoutMs;
  const reads = Math.ceil(timeoutMs / intervalMs);
  for (let i = 1; ; i++) {
    const value = await read();
    if (done(value)) return value;
    if (i >= reads && Date.now() >= deadline)
      throw new Error(failure ? failure(value) : `timed out waiting for ${what}: ${describe(value)}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

function describe(value: unknown): string {
  try {
    return JSON.stringify(value)?.slice(0, 2000) ?? String(value);
  } catch {
    return String(value);
  }
}
