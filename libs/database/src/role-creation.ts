import type { DataSource, QueryRunner } from 'typeorm';

/**
 * The role a statement does nothing but create (`CREATE ROLE x …`, or that inside a `DO` block
 * that only ignores "already exists"), or undefined for any other statement.
 */
export function roleCreatedBy(sql: string): string | undefined {
  const text = sql
    .replace(/--[^\n]*/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const match =
    /^(?:DO \$\$ BEGIN )?CREATE ROLE "?([A-Za-z_][A-Za-z0-9_]*)"?(?: [A-Z ]+)?;?(?: EXCEPTION WHEN [a-z_ ]+ THEN NULL; END \$\$)?;?$/i.exec(
      text,
    );
  return match?.[1];
}

export class MissingRoleError extends Error {}

/**
 * Lets migrations run as a schema owner without CREATEROLE (production: the database owner, not a
 * superuser). A migration statement that only creates a role is skipped when that role exists
 * already (the Postgres init step creates `campaign_app`); when it does not exist, migrating stops
 * with a message naming the role to create. With CREATEROLE (or as a superuser) nothing changes.
 */
export async function tolerateOwnerWithoutCreateRole(
  dataSource: DataSource,
  log: (message: string) => void = (message) => console.warn(message),
): Promise<void> {
  const [me] = await dataSource.query<Array<{ name: string; may: boolean }>>(
    `SELECT rolname AS name, rolcreaterole OR rolsuper AS may FROM pg_roles WHERE rolname = current_user`,
  );
  if (!me || me.may) return;
  const exists = async (runner: QueryRunner, role: string) =>
    ((await runner.query(`SELECT 1 FROM pg_roles WHERE rolname = $1`, [role])) as unknown[]).length > 0;
  const guard = (runner: QueryRunner): QueryRunner =>
    new Proxy(runner, {
      get(target, property) {
        if (property === 'query')
          return async (sql: string, ...rest: unknown[]) => {
            const role = roleCreatedBy(sql);
            if (role !== undefined) {
              if (await exists(target, role)) {
                log(
                  `role ${role} exists; ${me.name} may not create roles (no CREATEROLE), so its creation is skipped`,
                );
                return [];
              }
              throw new MissingRoleError(
                `role ${role} does not exist and ${me.name} may not create roles (no CREATEROLE): ` +
                  `create it first as a superuser (CREATE ROLE ${role} NOLOGIN; deploy/postgres/init does), then migrate again`,
              );
            }
            return (target.query as (...args: unknown[]) => unknown)(sql, ...rest);
          };
        const value: unknown = Reflect.get(target, property, target);
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      },
    });
  for (const migration of dataSource.migrations) {
    const up = migration.up.bind(migration);
    migration.up = (runner: QueryRunner) => up(guard(runner));
  }
}
