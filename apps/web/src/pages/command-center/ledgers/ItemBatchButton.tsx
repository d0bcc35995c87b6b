export function ItemBatchButton(_: { ledgerId: string; filter: Record<string, string | undefined> }) { return null; }
