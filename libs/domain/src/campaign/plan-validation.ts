import { ladderProblems } from '../escalation/ladder';
import { cstDate, deadlineInstant, startsCstDay } from '../time/china-time';
import { showDeadline, showInstant } from '../time/deadline-display';
import { isIsoDuration, parseIsoDuration } from '../time/iso-duration';
import type { DeadlineSpec, PlanContext, PlanProblem } from './campaign-plan';
import { resolveDeadline, windowInstant } from './plan-resolution';

type Fields = Record<string, unknown>;

const WALL_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const DEADLINE_FORMS =
  '截止时间必须是日期（YYYY-MM-DD）、时间，或 beforeEnd、workingDaysBeforeEnd、workingDaysAfterStart 之一';

const isFields = (value: unknown): value is Fields =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isText = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';
const absent = (value: unknown): value is null | undefined => value === undefined || value === null;
const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

/** An end instant as people read it: the deadline display rule (the day written, else date and time). */
const describeEnd = (instant: Date): string => showDeadline(instant);

/** A start instant as people read it: the date when it starts a CST day, else date and time. */
function describeStart(instant: Date): string {
  return startsCstDay(instant) ? cstDate(instant) : showInstant(instant);
}

/** What a task passes on to its sub-tasks, and what the dependency check needs. */
interface TaskInfo {
  key: string | null;
  lead: string | undefined;
  cooperating: string[];
  deadline: Date | null;
}

/**
 * Every problem of a plan document at once, each with its path (`tasks[3].subtasks[0].lead`):
 * shape and types, unknown unit / ledger / programme, window end before start, a deadline outside
 * the window or after its parent task's, a cooperating unit equal to the lead, duplicate task keys,
 * unknown or cyclic `dependsOn`, goals naming unknown tasks, pace curves not rising from 0 to 1,
 * cadence out of range, a bad ladder (ladderProblems), working days in a year the calendar does not
 * know. Empty when the plan is valid. Messages are Chinese.
 */
export function planProblems(document: unknown, context: PlanContext): PlanProblem[] {
  if (!isFields(document)) return [{ path: '', problem: '方案必须是一个对象（JSON 对象或 YAML 映射）' }];
  const problems: PlanProblem[] = [];
  const at = (path: string, problem: string) => {
    problems.push({ path, problem });
  };

  checkFields(document, FIELDS.plan, '', at);
  if (!isText(document.name)) at('name', '缺少行动名称');
  const window = checkWindow(document.window, at);

  // Keys first: dependencies and goals may name a task written further down.
  const keys = new Set<string>();
  const collect = (raw: unknown) => {
    if (!isFields(raw)) return;
    if (isText(raw.key)) keys.add(raw.key);
    if (Array.isArray(raw.subtasks)) raw.subtasks.forEach(collect);
  };
  if (Array.isArray(document.tasks)) document.tasks.forEach(collect);

  const seen = new Set<string>();
  /** Dependency edges of tasks with a unique key, in plan order. */
  const edges = new Map<string, Array<{ to: string; path: string }>>();

  const checkTask = (raw: unknown, path: string, parent: TaskInfo | null): void => {
    if (!isFields(raw)) {
      at(path, '任务必须是一个对象');
      return;
    }
    checkFields(raw, FIELDS.task, path, at);
    let key: string | null = null;
    if (!isText(raw.key)) at(`${path}.key`, '缺少任务编号');
    else if (seen.has(raw.key)) at(`${path}.key`, `任务编号 "${raw.key}" 重复`);
    else {
      key = raw.key;
      seen.add(key);
      edges.set(key, []);
    }
    if (!isText(raw.name)) at(`${path}.name`, '缺少任务名称');

    // Lead unit: required on a task, inherited by a sub-task.
    let lead: string | undefined = parent?.lead;
    if (absent(raw.lead)) {
      if (!parent) at(`${path}.lead`, '缺少牵头单位');
    } else if (!isText(raw.lead)) {
      at(`${path}.lead`, '牵头单位必须是单位编码');
      lead = undefined;
    } else {
      lead = raw.lead;
      if (!context.unitCodes.has(lead)) at(`${path}.lead`, `未知的单位编码 "${lead}"`);
    }

    // Cooperating units: inherited by a sub-task that lists none.
    let cooperating: string[] = parent?.cooperating ?? [];
    if (absent(raw.cooperating)) {
      if (parent && lead !== undefined && lead !== parent.lead && cooperating.includes(lead)) {
        at(`${path}.lead`, `牵头单位 "${lead}" 是所属任务的配合单位，子任务须另列配合单位`);
      }
    } else if (!Array.isArray(raw.cooperating)) {
      at(`${path}.cooperating`, '配合单位必须是单位编码的列表');
    } else {
      cooperating = [];
      raw.cooperating.forEach((unit: unknown, k) => {
        const unitPath = `${path}.cooperating[${k}]`;
        if (!isText(unit)) at(unitPath, '配合单位必须是单位编码');
        else if (!context.unitCodes.has(unit)) at(unitPath, `未知的单位编码 "${unit}"`);
        else if (unit === lead) at(unitPath, '配合单位不能与牵头单位相同');
        else if (cooperating.includes(unit)) at(unitPath, `配合单位 "${unit}" 重复`);
        if (isText(unit)) cooperating.push(unit);
      });
    }

    // Deadline: required on a task, inherited by a sub-task; within the window and its task's.
    let deadline: Date | null = parent?.deadline ?? null;
    if (absent(raw.deadline)) {
      if (!parent) at(`${path}.deadline`, '缺少截止时间');
    } else {
      deadline = null;
      const read = readDeadlineSpec(raw.deadline);
      if ('text' in read) at(read.field ? `${path}.deadline.${read.field}` : `${path}.deadline`, read.text);
      else if (window) {
        try {
          deadline = resolveDeadline(read.spec, window.iso, context.calendar);
        } catch (error) {
          at(`${path}.deadline`, error instanceof Error ? error.message : String(error));
        }
      }
      if (deadline && window) {
        const shown = describeEnd(deadline);
        if (deadline.getTime() <= window.start.getTime()) {
          at(`${path}.deadline`, `截止时间 ${shown} 早于行动开始（${describeStart(window.start)} 开始）`);
        } else if (deadline.getTime() > window.end.getTime()) {
          at(`${path}.deadline`, `截止时间 ${shown} 超出行动期限（${describeEnd(window.end)} 结束）`);
        } else if (parent?.deadline && deadline.getTime() > parent.deadline.getTime()) {
          at(
            `${path}.deadline`,
            `截止时间 ${shown} 晚于所属任务的截止时间（${describeEnd(parent.deadline)}）`,
          );
        }
      }
    }

    if (!absent(raw.target)) checkTarget(raw.target, `${path}.target`, at);
    if (!absent(raw.measure)) checkMeasure(raw.measure, `${path}.measure`, context, at);
    if (!absent(raw.pace)) checkPace(raw.pace, `${path}.pace`, at);

    if (!absent(raw.dependsOn)) {
      if (!Array.isArray(raw.dependsOn)) at(`${path}.dependsOn`, '依赖必须是任务编号的列表');
      else {
        const named = new Set<string>();
        raw.dependsOn.forEach((other: unknown, k) => {
          const depPath = `${path}.dependsOn[${k}]`;
          if (!isText(other)) at(depPath, '依赖必须是任务编号');
          else if (other === raw.key) at(depPath, '任务不能依赖自身');
          else if (!keys.has(other)) at(depPath, `依赖的任务 "${other}" 不存在`);
          else if (named.has(other)) at(depPath, `依赖的任务 "${other}" 重复`);
          else {
            named.add(other);
            if (key !== null) edges.get(key)?.push({ to: other, path: depPath });
          }
        });
      }
    }

    if (!absent(raw.subtasks)) {
      if (!Array.isArray(raw.subtasks)) at(`${path}.subtasks`, '子任务必须是列表');
      else if (parent && raw.subtasks.length > 0) at(`${path}.subtasks`, '子任务不能再包含子任务');
      else {
        const info: TaskInfo = { key, lead, cooperating, deadline };
        raw.subtasks.forEach((sub, j) => checkTask(sub, `${path}.subtasks[${j}]`, info));
      }
    }
  };

  if (!Array.isArray(document.tasks)) at('tasks', '缺少任务列表');
  else if (document.tasks.length === 0) at('tasks', '至少需要一项任务');
  else document.tasks.forEach((task, i) => checkTask(task, `tasks[${i}]`, null));

  for (const cycle of dependencyCycles(edges)) at(cycle.path, `任务依赖形成循环：${cycle.keys.join(' → ')}`);

  if (!absent(document.goals)) checkGoals(document.goals, keys, at);
  if (!absent(document.cadence)) checkCadence(document.cadence, at);
  if (!absent(document.ladder)) {
    for (const p of ladderProblems(document.ladder)) at(`ladder${p.path}`, p.problem);
  }
  if (!absent(document.pledgeWithin)) {
    const value = document.pledgeWithin;
    if (typeof value !== 'string' || !isIsoDuration(value) || parseIsoDuration(value).sign < 0) {
      at('pledgeWithin', '签订责任状的时限必须是 ISO 8601 时长，如 P3D');
    }
  }
  if (!absent(document.paceMargin)) {
    const value = document.paceMargin;
    if (!isNumber(value) || value < 0 || value > 100)
      at('paceMargin', '序时进度容差必须是 0 到 100 之间的数字');
  }
  return problems;
}

type At = (path: string, problem: string) => void;

/** The fields each part of a plan may have: a misspelt one (`cooperate`) would otherwise be ignored in silence. */
const FIELDS = {
  plan: ['name', 'window', 'goals', 'tasks', 'cadence', 'ladder', 'pledgeWithin', 'paceMargin'],
  window: ['start', 'end'],
  task: [
    'key',
    'name',
    'lead',
    'cooperating',
    'deadline',
    'target',
    'measure',
    'pace',
    'dependsOn',
    'subtasks',
  ],
  target: ['quantity', 'unit'],
  goal: ['key', 'name', 'target', 'unit', 'tasks', 'aggregate'],
  cadence: ['bulletin', 'dispatchMeeting', 'monthlyReportDay'],
} as const;

function checkFields(raw: Fields, allowed: readonly string[], path: string, at: At): void {
  for (const field of Object.keys(raw)) {
    if (!allowed.includes(field))
      at(path ? `${path}.${field}` : field, `未知的字段 "${field}"（可用：${allowed.join('、')}）`);
  }
}

function checkWindow(
  raw: unknown,
  at: At,
): { start: Date; end: Date; iso: { start: string; end: string } } | null {
  if (!isFields(raw)) {
    at('window', '缺少行动期限（window.start 和 window.end）');
    return null;
  }
  checkFields(raw, FIELDS.window, 'window', at);
  const bound = (value: unknown, which: 'start' | 'end'): Date | null => {
    const label = which === 'start' ? '开始时间' : '结束时间';
    if (absent(value)) {
      at(`window.${which}`, `缺少${label}`);
      return null;
    }
    try {
      if (typeof value !== 'string') throw new RangeError('not text');
      return windowInstant(value, which);
    } catch {
      at(`window.${which}`, `${label} ${JSON.stringify(value)} 不是日期（YYYY-MM-DD）或时间`);
      return null;
    }
  };
  const start = bound(raw.start, 'start');
  const end = bound(raw.end, 'end');
  if (!start || !end) return null;
  if (end.getTime() <= start.getTime()) {
    at(
      'window.end',
      `行动结束时间必须晚于开始时间（${describeStart(start)} 开始，${describeEnd(end)} 结束）`,
    );
    return null;
  }
  return { start, end, iso: { start: start.toISOString(), end: end.toISOString() } };
}

/** A deadline as written, or what is wrong with its form (not yet where it falls) and in which field of it. */
function readDeadlineSpec(raw: unknown): { spec: DeadlineSpec } | { field: string | null; text: string } {
  if (typeof raw === 'string') {
    try {
      deadlineInstant(raw);
      return { spec: raw };
    } catch {
      return { field: null, text: `截止时间 "${raw}" 不是日期（YYYY-MM-DD）、时间或相对期限` };
    }
  }
  if (!isFields(raw) || Object.keys(raw).length !== 1) return { field: null, text: DEADLINE_FORMS };
  const { beforeEnd, workingDaysBeforeEnd, workingDaysAfterStart } = raw;
  const workingDays = (value: unknown): value is number =>
    typeof value === 'number' && Number.isInteger(value) && value >= 1;
  if ('beforeEnd' in raw) {
    return typeof beforeEnd === 'string' && isIsoDuration(beforeEnd)
      ? { spec: { beforeEnd } }
      : { field: 'beforeEnd', text: '倒排期限必须是 ISO 8601 时长，如 P10D' };
  }
  if ('workingDaysBeforeEnd' in raw) {
    return workingDays(workingDaysBeforeEnd)
      ? { spec: { workingDaysBeforeEnd } }
      : { field: 'workingDaysBeforeEnd', text: '工作日数必须是正整数' };
  }
  if ('workingDaysAfterStart' in raw) {
    return workingDays(workingDaysAfterStart)
      ? { spec: { workingDaysAfterStart } }
      : { field: 'workingDaysAfterStart', text: '工作日数必须是正整数' };
  }
  return { field: null, text: DEADLINE_FORMS };
}

function checkTarget(raw: unknown, path: string, at: At): void {
  if (!isFields(raw)) {
    at(path, '目标必须包含数量（quantity）和单位（unit）');
    return;
  }
  checkFields(raw, FIELDS.target, path, at);
  if (!isNumber(raw.quantity) || raw.quantity <= 0) at(`${path}.quantity`, '目标数量必须是正数');
  if (!isText(raw.unit)) at(`${path}.unit`, '缺少目标数量的单位');
}

function checkMeasure(raw: unknown, path: string, context: PlanContext, at: At): void {
  if (raw === 'reported') return;
  if (isFields(raw) && Object.keys(raw).length === 1 && 'ledger' in raw) {
    if (!isText(raw.ledger) || !context.ledgerIds.has(raw.ledger)) {
      at(`${path}.ledger`, `未知的整改台账 ${JSON.stringify(raw.ledger)}`);
    }
    return;
  }
  if (isFields(raw) && Object.keys(raw).length === 1 && 'programme' in raw) {
    if (!isText(raw.programme) || !context.programmeIds.has(raw.programme)) {
      at(`${path}.programme`, `未知的危房改造项目 ${JSON.stringify(raw.programme)}`);
    }
    return;
  }
  at(path, '进度计量方式必须是 "reported"（牵头单位填报）、{ ledger: 台账编号 } 或 { programme: 项目编号 }');
}

function checkPace(raw: unknown, path: string, at: At): void {
  if (!Array.isArray(raw) || raw.length === 0) {
    at(path, '序时进度曲线必须是一组 { time, share } 点');
    return;
  }
  let previous: { time: number; share: number } | null = null;
  let endsAtOne = false;
  for (const [k, point] of raw.entries()) {
    const pointPath = `${path}[${k}]`;
    endsAtOne = false;
    if (!isFields(point)) {
      at(pointPath, '序时进度点必须包含 time 和 share');
      continue;
    }
    const { time, share } = point;
    const timeOk = isNumber(time) && time >= 0 && time <= 1;
    const shareOk = isNumber(share) && share >= 0 && share <= 1;
    if (!timeOk) at(`${pointPath}.time`, '时间占比必须是 0 到 1 之间的数字');
    if (!shareOk) at(`${pointPath}.share`, '进度占比必须是 0 到 1 之间的数字');
    if (isNumber(time) && timeOk && isNumber(share) && shareOk) {
      if (previous && time <= previous.time) at(`${pointPath}.time`, '时间占比必须严格递增');
      if (previous && share < previous.share) at(`${pointPath}.share`, '进度占比不能下降');
      previous = { time, share };
      endsAtOne = time === 1 && share === 1;
    }
  }
  if (!endsAtOne) at(path, '序时进度曲线必须以 time 1、share 1 结束');
}

function checkGoals(raw: unknown, keys: ReadonlySet<string>, at: At): void {
  if (!Array.isArray(raw)) {
    at('goals', '目标必须是列表');
    return;
  }
  const seen = new Set<string>();
  raw.forEach((goal: unknown, i) => {
    const path = `goals[${i}]`;
    if (!isFields(goal)) {
      at(path, '目标必须是一个对象');
      return;
    }
    checkFields(goal, FIELDS.goal, path, at);
    if (!isText(goal.key)) at(`${path}.key`, '缺少目标编号');
    else if (seen.has(goal.key)) at(`${path}.key`, `目标编号 "${goal.key}" 重复`);
    else seen.add(goal.key);
    if (!isText(goal.name)) at(`${path}.name`, '缺少目标名称');
    if (!isNumber(goal.target)) at(`${path}.target`, '目标值必须是数字');
    if (!isText(goal.unit)) at(`${path}.unit`, '缺少目标值的单位');
    if (!Array.isArray(goal.tasks) || goal.tasks.length === 0) at(`${path}.tasks`, '目标须列出构成它的任务');
    else {
      goal.tasks.forEach((task: unknown, k) => {
        if (!isText(task) || !keys.has(task))
          at(`${path}.tasks[${k}]`, `目标所含任务 ${JSON.stringify(task)} 不存在`);
      });
    }
    if (!absent(goal.aggregate) && goal.aggregate !== 'mean-percent' && goal.aggregate !== 'sum') {
      at(`${path}.aggregate`, '汇总方式必须是 mean-percent（平均完成率）或 sum（数量相加）');
    }
  });
}

function checkCadence(raw: unknown, at: At): void {
  if (!isFields(raw)) {
    at('cadence', '工作节奏必须是一个对象');
    return;
  }
  checkFields(raw, FIELDS.cadence, 'cadence', at);
  for (const field of ['bulletin', 'dispatchMeeting']) {
    const value = raw[field];
    const path = `cadence.${field}`;
    if (absent(value)) continue;
    if (!isFields(value)) {
      at(path, '须给出星期（weekday）和时间（time）');
      continue;
    }
    if (
      typeof value.weekday !== 'number' ||
      !Number.isInteger(value.weekday) ||
      value.weekday < 1 ||
      value.weekday > 7
    ) {
      at(`${path}.weekday`, '星期必须是 1（周一）到 7（周日）之间的整数');
    }
    if (typeof value.time !== 'string' || !WALL_TIME.test(value.time)) {
      at(`${path}.time`, '时间必须是 HH:MM 格式（00:00–23:59）');
    }
  }
  const day = raw.monthlyReportDay;
  if (!absent(day) && (typeof day !== 'number' || !Number.isInteger(day) || day < 1 || day > 28)) {
    at('cadence.monthlyReportDay', '每月报送日必须是 1 到 28 之间的整数');
  }
}

/**
 * Cycles among dependencies, each once: its keys in order from the one first in the plan back to
 * it (`T1 → T3 → T1`), at the path of that task's dependsOn entry that starts the cycle.
 */
function dependencyCycles(
  edges: ReadonlyMap<string, Array<{ to: string; path: string }>>,
): Array<{ keys: string[]; path: string }> {
  const order = new Map([...edges.keys()].map((key, i) => [key, i]));
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const found = new Map<string, { keys: string[]; path: string }>();

  const visit = (key: string): void => {
    state.set(key, 'open');
    stack.push(key);
    for (const { to } of edges.get(key) ?? []) {
      if (!edges.has(to)) continue;
      if (state.get(to) === 'open') {
        const loop = stack.slice(stack.indexOf(to));
        const first = loop.reduce((a, b) => ((order.get(b) ?? 0) < (order.get(a) ?? 0) ? b : a));
        const from = loop.indexOf(first);
        const rotated = [...loop.slice(from), ...loop.slice(0, from)];
        const id = rotated.join('\u0000');
        if (!found.has(id)) {
          const next = rotated[1 % rotated.length];
          const path = edges.get(first)?.find((edge) => edge.to === next)?.path ?? '';
          found.set(id, { keys: [...rotated, first], path });
        }
      } else if (!state.has(to)) visit(to);
    }
    stack.pop();
    state.set(key, 'done');
  };
  for (const key of edges.keys()) if (!state.has(key)) visit(key);
  return [...found.values()];
}
