import { HousingProgramme } from '../../../../libs/database/src/housing/housing-programme.entity';
import type { ProgrammeQueries } from '../../../../libs/database/src/housing/programmes.queries';
import type { HousingPlaceQueries } from '../../../../libs/database/src/housing/housing-places.queries';
import { DEFAULT_HOUSEHOLD_LADDER } from '../../../../libs/domain/src/housing/programme-rules';
import type { AuditService } from '../audit/audit.service';
import { ProgrammesService } from './programmes.service';

function programmeRow(id: string): HousingProgramme {
  return Object.assign(new HousingProgramme(), {
    id,
    name: '2026年危房改造',
    housingBureau: 'housing_bureau',
    stageDeadlines: { appraisal: '2026-12-31T15:59:59.999Z' },
    noticePeriods: {},
    stallAfter: 'P30D',
    paymentDueAfter: 'P30D',
    timerJitter: 'PT0S',
    ladder: DEFAULT_HOUSEHOLD_LADDER.map((step) => ({ ...step })),
    createdBy: 'admin',
    createdAt: new Date('2026-01-05T00:00:00Z'),
  });
}

describe('ProgrammesService.programme', () => {
  function serviceOver(rows: Map<string, HousingProgramme>) {
    const reads: string[] = [];
    const queries = {
      byId: (id: string) => {
        reads.push(id);
        const row = rows.get(id);
        return Promise.resolve(row ? programmeRow(row.id) : null);
      },
    } as unknown as ProgrammeQueries;
    const service = new ProgrammesService(queries, {} as HousingPlaceQueries, {} as AuditService);
    return { service, reads };
  }

  it('reads a programme once and answers it again from what it read', async () => {
    const rows = new Map([['p1', programmeRow('p1')]]);
    const { service, reads } = serviceOver(rows);
    const [first, second] = await Promise.all([service.programme('p1'), service.programme('p1')]);
    const third = await service.programme('p1');
    expect(first).toEqual(programmeRow('p1'));
    expect(second).toBe(first);
    expect(third).toBe(first);
    expect(reads).toEqual(['p1']);
  });

  it('answers PROGRAMME_NOT_FOUND for an unknown id and finds it once it exists', async () => {
    const rows = new Map<string, HousingProgramme>();
    const { service, reads } = serviceOver(rows);
    await expect(service.programme('p2')).rejects.toMatchObject({
      response: expect.objectContaining({ code: 'PROGRAMME_NOT_FOUND' }),
    });
    rows.set('p2', programmeRow('p2'));
    expect((await service.programme('p2')).id).toBe('p2');
    expect(reads).toEqual(['p2', 'p2']);
  });

  it('shares a frozen programme: its rules cannot be changed by one request under another', async () => {
    const { service } = serviceOver(new Map([['p1', programmeRow('p1')]]));
    const programme = await service.programme('p1');
    expect(() => {
      (programme as { stallAfter: string }).stallAfter = 'P1D';
    }).toThrow(TypeError);
    expect(() => {
      (programme.stageDeadlines as Record<string, string>).appraisal = '2027-01-01T00:00:00Z';
    }).toThrow(TypeError);
    expect(() => programme.ladder.push(programme.ladder[0])).toThrow(TypeError);
    expect(() => {
      (programme.ladder[0] as { level: number }).level = 9;
    }).toThrow(TypeError);
  });
});
