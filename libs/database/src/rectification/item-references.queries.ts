import { In } from 'typeorm';
import { officeName } from '../documents/document-numbers';
import { User } from '../identity/user.entity';
import { Unit } from '../organisation/unit.entity';
import { UnitQueries } from '../organisation/unit.queries';
import { Queries } from '../queries';

/** The units, people and offices rectification items name: checked at registration, named on documents. */
export class ItemReferenceQueries extends Queries {
  /** The unit, or null (`UnitQueries.byCode`: plain SQL, read on every item list filtered by unit). */
  unitByCode(code: string): Promise<Unit | null> {
    return new UnitQueries(this.db).byCode(code);
  }

  /** Every unit's code and name (resolving a workbook's unit cells, naming units in an export). */
  unitNames(): Promise<Array<Pick<Unit, 'code' | 'name'>>> {
    return this.db.getRepository(Unit).find({ select: { code: true, name: true } });
  }

  /** A person, whether or not still active (named on a notice). */
  person(id: string): Promise<User | null> {
    return this.db.getRepository(User).findOneBy({ id });
  }

  /** A person still active (who may be made responsible, or verify). */
  activePerson(id: string): Promise<User | null> {
    return this.db.getRepository(User).findOneBy({ id, active: true });
  }

  /** Every active person with what a workbook cell may name them by (username, name within a unit). */
  activePeople(): Promise<Array<Pick<User, 'id' | 'username' | 'displayName' | 'unitCode' | 'roles'>>> {
    return this.db.getRepository(User).find({
      select: { id: true, username: true, displayName: true, unitCode: true, roles: true },
      where: { active: true },
    });
  }

  peopleByIds(ids: string[]): Promise<User[]> {
    return this.db.getRepository(User).findBy({ id: In(ids) });
  }

  /** The active people holding `role` (of one unit, if given): who an escalation step goes to. */
  async activeWithRole(role: string, unitCode?: string): Promise<string[]> {
    const users = await this.db
      .getRepository(User)
      .createQueryBuilder('u')
      .select('u.id')
      .where(':role = ANY(u.roles)', { role })
      .andWhere('u.active')
      .andWhere(unitCode ? 'u.unit_code = :unitCode' : 'TRUE', { unitCode })
      .getMany();
    return users.map((u) => u.id);
  }

  /** The name of the office a notice was issued under ('' the default office). */
  officeName(code: string | null): Promise<string> {
    return officeName(this.db, code);
  }
}
