import { parseDocument, stringify } from 'yaml';
import { ApiError } from '../../../api/api-error';
import type { PathProblem } from '../../../shared/form-problems';
import { planFromValues } from '../plan-from-document/draft-types';

/** The plan document of the structured editor's values: empty optional fields left out. */
export function planOfForm(values: unknown): Record<string, unknown> {
  return planFromValues((values ?? {}) as Record<string, unknown>);
}

/** The document as YAML, as the YAML view shows it. */
export function planToYaml(document: unknown): string {
  return stringify(document, { lineWidth: 0 });
}

/** A YAML (or JSON, which is YAML) text as a plan document, or its syntax problems with line and column. */
export function planFromYaml(
  text: string,
): { document: Record<string, unknown>; problems: [] } | { document: null; problems: PathProblem[] } {
  const parsed = parseDocument(text);
  if (parsed.errors.length > 0) {
    return {
      document: null,
      problems: parsed.errors.map((error) => {
        const at = error.linePos?.[0];
        return {
          path: '',
          problem: `YAML 格式有误${at ? `（第 ${at.line} 行第 ${at.col} 列）` : ''}：${error.message.split('\n')[0]}`,
        };
      }),
    };
  }
  const value: unknown = parsed.toJS({ maxAliasCount: 100 });
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    return { document: null, problems: [{ path: '', problem: '计划应为一个对象（name、window、tasks …）' }] };
  return { document: value as Record<string, unknown>, problems: [] };
}

/** The problems of a 422 PLAN_INVALID / PLAN_CHANGE_REFUSED / YAML_INVALID, each with its path; none otherwise. */
export function planProblemsOf(error: unknown): PathProblem[] {
  if (!(error instanceof ApiError) || !Array.isArray(error.details)) return [];
  if (!['PLAN_INVALID', 'PLAN_CHANGE_REFUSED', 'YAML_INVALID'].includes(error.code)) return [];
  return (error.details as unknown as Array<{ path?: unknown; problem?: unknown }>).map((detail) => ({
    path: typeof detail.path === 'string' ? detail.path : '',
    problem: typeof detail.problem === 'string' ? detail.problem : String(detail.problem),
  }));
}

/** A new, empty plan to start from: one task, the window left to fill. */
export const EMPTY_PLAN: Record<string, unknown> = {
  name: '',
  window: {},
  goals: [],
  tasks: [{ key: 'T1', name: '' }],
};
