import type { EntityManager } from 'typeorm';
import { UserQueries } from '../../libs/database/src/identity/user.queries';
import { UnitQueries } from '../../libs/database/src/organisation/unit.queries';
import type { Role } from '../../libs/domain/src/access/roles';
import type { UnitKind } from '../../libs/domain/src/organisation/unit-tree';
import { unitPath } from '../../libs/domain/src/organisation/unit-tree';

/** Units for the identity and organisation query specs: `[code, kind, parent]`, parents first. */
export async function addUnits(
  db: EntityManager,
  units: Array<[code: string, kind: UnitKind, parent: string | null]>,
): Promise<void> {
  const queries = new UnitQueries(db);
  for (const [code, kind, parent] of units) {
    const parentPath = parent ? (await queries.byCodeOrFail(parent)).path : null;
    await queries.insert({
      code,
      name: `${code}单位`,
      kind,
      parentCode: parent,
      path: unitPath(parentPath, code),
    });
  }
}

/** A person of `unitCode` with `roles` (no password); their id. */
export async function addPerson(
  db: EntityManager,
  username: string,
  unitCode: string,
  roles: Role[] = ['department'],
): Promise<string> {
  const user = await new UserQueries(db).insert({
    username,
    displayName: `${username}姓名`,
    unitCode,
    roles,
    passwordHash: null,
  });
  return user.id;
}
