import { EntityManager } from 'typeorm';
import { User } from '../../libs/database/src/identity/user.entity';

/** Ids of the active people holding `role`, optionally only those of the given units. */
export async function activePeopleWithRole(
  manager: EntityManager,
  role: string,
  unitCodes?: string[],
): Promise<string[]> {
  const query = manager
    .getRepository(User)
    .createQueryBuilder('u')
    .select('u.id')
    .where(':role = ANY(u.roles)', { role })
    .andWhere('u.active');
  if (unitCodes) query.andWhere('u.unit_code IN (:...unitCodes)', { unitCodes });
  return (await query.getMany()).map((u) => u.id);
}
