/** Rankings as offices publish them: equal results share a rank (并列). Pure. */

/**
 * Competition ranks (1, 1, 3): lines in order, a line equal to the one before (`same`) shares its
 * rank. Returns the ranks and whether each is shared.
 */
export function sharedRanks<T>(
  lines: readonly T[],
  same: (a: T, b: T) => boolean,
): Array<{ rank: number; tied: boolean }> {
  const ranks = lines.map((line, index) => ({ index, rank: index + 1 }));
  for (let i = 1; i < lines.length; i++) if (same(lines[i - 1], lines[i])) ranks[i].rank = ranks[i - 1].rank;
  return ranks.map(({ rank }) => ({ rank, tied: ranks.filter((r) => r.rank === rank).length > 1 }));
}
