import { roleCreatedBy } from './role-creation';

describe('roleCreatedBy: the statements a migrating owner without CREATEROLE may skip', () => {
  it('recognises the landed migration that creates campaign_app (1763900001000)', () => {
    // the statement exactly as that migration sends it
    expect(
      roleCreatedBy(`
      DO $$ BEGIN
        CREATE ROLE campaign_app NOLOGIN;
      EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; -- roles are cluster-wide
      END $$`),
    ).toBe('campaign_app');
    expect(roleCreatedBy('CREATE ROLE "reporting" NOLOGIN')).toBe('reporting');
  });

  it('leaves every other statement alone, also one that does more than create a role', () => {
    for (const sql of [
      'GRANT SELECT ON audit_entry TO campaign_app',
      'CREATE TABLE role (id int)',
      'DO $$ BEGIN CREATE ROLE x NOLOGIN; GRANT x TO y; END $$',
      'CREATE ROLE x NOLOGIN; DROP TABLE unit',
      "CREATE ROLE x LOGIN PASSWORD 'secret'",
    ]) {
      expect(roleCreatedBy(sql)).toBeUndefined();
    }
  });
});
