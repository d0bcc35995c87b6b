import { isWithin, orderParentsFirst, unitPath } from './unit-tree';

describe('unit tree', () => {
  it('builds paths from the parent path', () => {
    expect(unitPath(null, 'county')).toBe('/county/');
    expect(unitPath('/county/', 'tsA')).toBe('/county/tsA/');
  });

  it('places a village within its township and county, not within a sibling township', () => {
    const village = '/county/tsA/v1/';
    expect(isWithin(village, '/county/tsA/')).toBe(true);
    expect(isWithin(village, '/county/')).toBe(true);
    expect(isWithin(village, village)).toBe(true);
    expect(isWithin(village, '/county/tsB/')).toBe(false);
    // a code that is a prefix of another code is not an ancestor
    expect(isWithin('/county/tsAB/', '/county/tsA/')).toBe(false);
  });

  it('orders imported units parents first, whatever the file order', () => {
    const rows = [
      { code: 'v1', parentCode: 'tsA' },
      { code: 'tsA', parentCode: 'county' },
      { code: 'county', parentCode: null },
    ];
    const { ordered, unresolved } = orderParentsFirst(rows, new Set());
    expect(ordered.map((r) => r.code)).toEqual(['county', 'tsA', 'v1']);
    expect(unresolved).toEqual([]);
  });

  it('names rows whose parent is missing or that form a cycle', () => {
    const rows = [
      { code: 'a', parentCode: 'b' },
      { code: 'b', parentCode: 'a' },
      { code: 'c', parentCode: 'nowhere' },
      { code: 'd', parentCode: 'known' },
    ];
    const { ordered, unresolved } = orderParentsFirst(rows, new Set(['known']));
    expect(ordered.map((r) => r.code)).toEqual(['d']);
    expect(unresolved.map((r) => r.code).sort()).toEqual(['a', 'b', 'c']);
  });
});
