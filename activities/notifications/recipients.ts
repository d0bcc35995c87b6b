import { EntityManager } from 'typeorm';
import { UserQueries } from '../../libs/database/src/identity/user.queries';

/** Ids of the active people holding `role`, optionally only those of the given units. */
export function activePeopleWithRole(
  manager: EntityManager,
  role: string,
  unitCodes?: string[],
): Promise<string[]> {
  return new UserQueries(manager).activeIdsWithRole(role, unitCodes);
}
