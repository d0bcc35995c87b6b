import type { UnitKind } from '../../../domain/src/organisation/unit-tree';
import { entityFromRow } from '../entity-rows';
import { Queries } from '../queries';
import { Unit } from './unit.entity';

/** The unit tree (`unit`, with materialised paths). */
export class UnitQueries extends Queries {
  private get units() {
    return this.db.getRepository(Unit);
  }

  /** Units in path order: directly under `parent`, of `kind`, at or below the unit at `withinPath`. */
  list(filter: { parent?: string; kind?: UnitKind; withinPath?: string }): Promise<Unit[]> {
    const qb = this.units.createQueryBuilder('u').orderBy('u.path');
    if (filter.parent) qb.andWhere('u.parent_code = :parent', { parent: filter.parent });
    if (filter.kind) qb.andWhere('u.kind = :kind', { kind: filter.kind });
    if (filter.withinPath !== undefined)
      qb.andWhere('u.path LIKE :prefix', { prefix: `${filter.withinPath}%` });
    return qb.getMany();
  }

  /**
   * The unit, or null. Plain SQL: most requests look a unit up (a filter, a to-do list, a move), and
   * the query builder took longer to write this statement and read its row than Postgres to run it.
   */
  async byCode(code: string): Promise<Unit | null> {
    const [row] = await this.db.query<Array<Record<string, unknown>>>(`SELECT * FROM unit WHERE code = $1`, [
      code,
    ]);
    return row ? entityFromRow(this.db, Unit)(row) : null;
  }

  /** The unit; fails when there is none with this code (a reference that must hold). */
  byCodeOrFail(code: string): Promise<Unit> {
    return this.units.findOneByOrFail({ code });
  }

  /** The unit, locked for the rest of the transaction. */
  byCodeForUpdate(code: string): Promise<Unit | null> {
    return this.units.findOne({ where: { code }, lock: { mode: 'pessimistic_write' } });
  }

  exists(code: string): Promise<boolean> {
    return this.units.existsBy({ code });
  }

  /** Every unit's code and name (to resolve a unit written either way in an imported table). */
  codesAndNames(): Promise<Array<Pick<Unit, 'code' | 'name'>>> {
    return this.units.find({ select: { code: true, name: true } });
  }

  async insert(fields: Pick<Unit, 'code' | 'name' | 'kind' | 'parentCode' | 'path'>): Promise<Unit> {
    const unit = this.units.create(fields);
    await this.units.insert(unit);
    return unit;
  }

  save(unit: Unit): Promise<Unit> {
    return this.units.save(unit);
  }

  /** Moves every unit below `unitCode` from under `oldPath` to under `newPath` (the unit itself is saved apart). */
  async repathBelow(unitCode: string, oldPath: string, newPath: string): Promise<void> {
    await this.db.query(
      `UPDATE unit SET path = $1 || substr(path, length($2) + 1) WHERE path LIKE $3 AND code <> $4`,
      [newPath, oldPath, `${oldPath}%`, unitCode],
    );
  }
}
