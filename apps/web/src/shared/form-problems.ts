import type { FormInstance } from 'antd';
import { ApiError } from '../api/api-error';

/**
 * Puts a 400/422's problems on the form fields their paths name (`items.0.deadline` →
 * ['items', 0, 'deadline']); returns true when every problem found its field.
 */
export function showProblemsOnFields(form: FormInstance, error: unknown): boolean {
  if (!(error instanceof ApiError) || error.fieldProblems.length === 0) return false;
  const known = new Set(Object.keys(form.getFieldsValue(true) as object));
  const fields = error.fieldProblems.map((problem) => ({
    name: problem.field.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part)),
    errors: problem.problems,
  }));
  form.setFields(fields);
  return fields.every((field) => known.has(String(field.name[0])));
}
