/**
 * A spread for timers that many processes share (a stage deadline for 10,000 households): each key
 * gets its own fixed offset in `[0, windowMs)`, so the wake-ups are spread over the window instead
 * of landing in one second. Deterministic (FNV-1a of the key), so safe in workflow code.
 */
export function jitterMs(key: string, windowMs: number): number {
  if (windowMs <= 0) return 0;
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % Math.floor(windowMs);
}
