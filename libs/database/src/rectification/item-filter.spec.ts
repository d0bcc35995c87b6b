import { itemWhere } from './item-filter';

const now = new Date('2026-03-01T00:00:00Z');
const admin = { id: 'a0000000-0000-4000-8000-000000000000', unitPath: '/county/', roles: ['admin'] } as const;
const department = {
  id: 'd0000000-0000-4000-8000-000000000000',
  unitPath: '/county/zjj/',
  roles: ['department'],
} as const;

describe('itemWhere: the item list filter as positional SQL', () => {
  it('is true with no filter for someone who reads across units', () => {
    expect(itemWhere({}, admin, now)).toEqual({ where: 'true', params: [] });
  });

  it("numbers each parameter once, in order, a name used twice taking one position (a department's own items)", () => {
    const { where, params } = itemWhere({ ledger: 'L1', status: 'rectifying' }, department, now);
    expect(where).toBe(
      '(i.responsible_unit_path LIKE $1 OR i.verifier_id = $2 OR i.responsible_person_id = $2)' +
        ' AND i.ledger_id = $3 AND i.status = $4',
    );
    expect(params).toEqual(['/county/zjj/%', department.id, 'L1', 'rectifying']);
  });

  it('keeps LIKE wildcards in the text literal and matches the number as text', () => {
    const { where, params } = itemWhere({ q: ' 50%_a ', level: 2, overdue: false }, admin, now);
    expect(where).toBe(
      'i.escalation_level = $1' +
        " AND NOT (i.status <> 'closed' AND i.paused_since IS NULL AND i.full_deadline + i.paused_ms * interval '1 millisecond' < $2)" +
        ' AND (i.problem ILIKE $3 OR i.source ILIKE $3 OR i.category ILIKE $3 OR CAST(i.number AS text) = $4)',
    );
    expect(params).toEqual([2, now, '%50\\%\\_a%', '50%_a']);
  });
});
