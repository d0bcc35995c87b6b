import type { components } from '../../../api/schema';

export type PlanDraft = components['schemas']['PlanDraftView'];
export type DraftField = components['schemas']['DraftFieldView'];
export type SourceSpan = components['schemas']['SourceSpanView'];

/** A validation path (`tasks[3].subtasks[0].lead`) as an antd form name (['tasks', 3, 'subtasks', 0, 'lead']). */
export function formName(path: string): Array<string | number> {
  return (path.match(/[^.[\]]+/g) ?? []).map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

export const CONFIDENCE_LABELS: Record<DraftField['confidence'], { label: string; color: string }> = {
  exact: { label: '原文写明', color: 'green' },
  inferred: { label: '推断', color: 'gold' },
  missing: { label: '缺失', color: 'red' },
};

/** The plan document from the form's values: empty optional fields left out, as POST /api/campaigns takes it. */
export function planFromValues(values: Record<string, unknown>): Record<string, unknown> {
  const clean = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(clean);
    if (value && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [key, inner] of Object.entries(value)) {
        const cleaned = clean(inner);
        if (cleaned === undefined || cleaned === null || cleaned === '') continue;
        if (Array.isArray(cleaned) && cleaned.length === 0 && key !== 'tasks') continue;
        // A task's target {quantity, unit} without a quantity is no target (a goal's target is a number).
        if (key === 'target' && typeof cleaned === 'object' && !('quantity' in cleaned)) continue;
        out[key] = cleaned;
      }
      return out;
    }
    return value;
  };
  return clean(values) as Record<string, unknown>;
}
