import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { HousingProgramme } from '../../libs/database/src/housing/housing-programme.entity';
import { ProgrammeQueries } from '../../libs/database/src/housing/programmes.queries';
import {
  DEFAULT_HOUSEHOLD_LADDER,
  DEFAULT_NOTICE_PERIODS,
} from '../../libs/domain/src/housing/programme-rules';

/** The villages of `insertHousingPlaces`, as the benchmark seed spreads households over them. */
export const HOUSING_VILLAGES = [
  { code: 'vA1', township: 'tA', path: '/c/tA/vA1/' },
  { code: 'vA2', township: 'tA', path: '/c/tA/vA2/' },
  { code: 'vB1', township: 'tB', path: '/c/tB/vB1/' },
];

/** A county (c) with its housing bureau (zjj), townships tA and tB and the villages above, for query specs. */
export async function insertHousingPlaces(dataSource: DataSource): Promise<void> {
  await dataSource.query(
    `INSERT INTO unit (code, name, kind, parent_code, path) VALUES
       ('c', '示范县', 'county', NULL, '/c/'), ('zjj', '县住建局', 'bureau', 'c', '/c/zjj/'),
       ('tA', '甲镇', 'township', 'c', '/c/tA/'), ('tB', '乙镇', 'township', 'c', '/c/tB/'),
       ('vA1', '甲一村', 'village', 'tA', '/c/tA/vA1/'), ('vA2', '甲二村', 'village', 'tA', '/c/tA/vA2/'),
       ('vB1', '乙一村', 'village', 'tB', '/c/tB/vB1/')`,
  );
}

/** A programme of bureau zjj: the appraisal deadline in March 2026, construction's in September. */
export const PROGRAMME_RULES = {
  housingBureau: 'zjj',
  stageDeadlines: { appraisal: '2026-03-31T09:30:00.000Z', construction: '2026-09-30T09:30:00.000Z' },
  noticePeriods: DEFAULT_NOTICE_PERIODS,
  stallAfter: 'P30D',
  paymentDueAfter: 'P1M',
  timerJitter: 'PT1H',
  ladder: DEFAULT_HOUSEHOLD_LADDER,
};

/** Stores a programme with `PROGRAMME_RULES` and answers it as read back. */
export async function insertProgramme(dataSource: DataSource, name: string): Promise<HousingProgramme> {
  const programmes = new ProgrammeQueries(dataSource.manager);
  const id = randomUUID();
  await programmes.insert({ id, name, ...PROGRAMME_RULES, createdBy: 'test' });
  return (await programmes.byId(id))!;
}
