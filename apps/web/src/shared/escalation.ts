/** Escalation levels as the battle map colours them (催办 → 问责), keyed by the ladder's level number. */
export const ESCALATION_COLOURS: Record<number, string> = {
  0: 'default',
  1: 'blue',
  2: 'gold',
  3: 'red',
  4: 'volcano',
  5: 'magenta',
  6: 'purple',
};

export function escalationColour(level: number | null | undefined): string {
  return ESCALATION_COLOURS[Math.min(level ?? 0, 6)] ?? 'default';
}
