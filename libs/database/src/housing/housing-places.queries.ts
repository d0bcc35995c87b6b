import { In } from 'typeorm';
import { Queries } from '../queries';
import { Unit } from '../organisation/unit.entity';

/** The units housing reads: a programme's bureau, the townships and villages households live in. */
export class HousingPlaceQueries extends Queries {
  unit(code: string): Promise<Unit | null> {
    return this.db.getRepository(Unit).findOneBy({ code });
  }

  /** Every township and village (code, name, kind, parent, path): where an imported household may be. */
  townshipsAndVillages(): Promise<Array<Pick<Unit, 'code' | 'name' | 'kind' | 'parentCode' | 'path'>>> {
    return this.db.getRepository(Unit).find({
      select: { code: true, name: true, kind: true, parentCode: true, path: true },
      where: { kind: In(['township', 'village']) },
    });
  }

  /** Unit names by code, for the codes that name a unit. */
  async namesOf(codes: string[]): Promise<Map<string, string>> {
    const units = await this.db.getRepository(Unit).findBy({ code: In(codes) });
    return new Map(units.map((u) => [u.code, u.name]));
  }
}
