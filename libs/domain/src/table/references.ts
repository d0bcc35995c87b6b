/**
 * How a workbook names units and people: by what a person knows, never by an id. A unit by its code
 * or its name; a person by username or by name (within a unit when one is given). A name shared by
 * several is a problem that lists the candidates.
 */
export type Resolved<T> = { ok: true; value: T } | { ok: false; problem: string };

export interface NamedUnit {
  code: string;
  name: string;
}

export interface NamedPerson {
  username: string;
  displayName: string;
  unitCode: string | null;
}

const found = <T>(value: T): Resolved<T> => ({ ok: true, value });
const problem = <T>(text: string): Resolved<T> => ({ ok: false, problem: text });

/** A unit written as its code or its name, among `units` (`what` names it in the problem: 乡镇, 村 …). */
export function resolveUnit<T extends NamedUnit>(
  text: string,
  units: readonly T[],
  what = '单位',
): Resolved<T> {
  const byCode = units.find((u) => u.code === text);
  if (byCode) return found(byCode);
  const byName = units.filter((u) => u.name === text);
  if (byName.length === 1) return found(byName[0]);
  if (byName.length === 0) return problem(`没有编码或名称为 ${text} 的${what}`);
  return problem(
    `${what}名称 ${text} 不唯一（${byName.map((u) => `${u.name}：${u.code}`).join('、')}），请填写编码`,
  );
}

/**
 * A person written as username or name. With `unit`, a name is looked for among that unit's people
 * only (a username is unique everywhere and is taken as it is: the caller checks the unit).
 */
export function resolvePerson<T extends NamedPerson>(
  text: string,
  people: readonly T[],
  unit?: NamedUnit,
): Resolved<T> {
  const byUsername = people.find((p) => p.username === text);
  if (byUsername) return found(byUsername);
  const byName = people.filter((p) => p.displayName === text && (!unit || p.unitCode === unit.code));
  if (byName.length === 1) return found(byName[0]);
  const where = unit ? `${unit.name}中` : '';
  if (byName.length === 0) return problem(`${where}没有用户名或姓名为 ${text} 的人员`);
  return problem(
    `${where}姓名为 ${text} 的人员不止一位（${byName.map((p) => `${p.displayName}：${p.username}`).join('、')}），请填写用户名`,
  );
}
