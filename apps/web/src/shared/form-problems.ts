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

/** A problem named by a validation path (`tasks[3].subtasks[0].lead`), as libs/domain's plan checks write it. */
export interface PathProblem {
  path: string;
  problem: string;
}

/** A path (`tasks[3].subtasks[0].lead`) as an antd form name (['tasks', 3, 'subtasks', 0, 'lead']). */
export function pathToName(path: string): Array<string | number> {
  return (path.match(/[^.[\]]+/g) ?? []).map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/**
 * Puts every problem on the form field its path names — or on the nearest enclosing field
 * (`tasks[0].deadline.beforeEnd` on `tasks[0].deadline`, `tasks[0].cooperating[1]` on
 * `tasks[0].cooperating`) — all at once, clearing the errors of the last attempt. Returns the
 * problems no field shows, for a list beside the form.
 */
export function showPathProblems(form: FormInstance, problems: readonly PathProblem[]): PathProblem[] {
  const registered = form.getFieldsError();
  const keyOf = (name: ReadonlyArray<string | number>) => JSON.stringify(name);
  const known = new Map(registered.map((field) => [keyOf(field.name), field.name]));
  const errors = new Map<string, string[]>();
  const unplaced: PathProblem[] = [];
  for (const problem of problems) {
    const name = pathToName(problem.path);
    let at: string | null = null;
    for (let length = name.length; length > 0 && at === null; length -= 1) {
      const key = keyOf(name.slice(0, length));
      if (known.has(key)) at = key;
    }
    if (at === null) unplaced.push(problem);
    else errors.set(at, [...(errors.get(at) ?? []), problem.problem]);
  }
  form.setFields(
    registered.map((field) => ({ name: field.name, errors: errors.get(keyOf(field.name)) ?? [] })),
  );
  return unplaced;
}
