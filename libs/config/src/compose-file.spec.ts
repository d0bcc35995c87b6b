import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { SEARCH_ATTRIBUTES } from '../../contracts/src/search-attributes';
import { PROJECT_ROOT } from '../../devstack/src/project-paths';
import { TEMPORAL_SERVER_VERSION } from '../../devstack/src/temporal-server-build';
import { WORKER_MALLOC_ARENA_MAX } from '../../devstack/src/worker-process-env';
import { Environment, loadEnvironment } from './environment';
import { requireSetting } from './require-setting';

/**
 * docker-compose.yml checked without Docker (no engine runs on this project's machines): it
 * parses, names only variables someone reads, requires every secret with no default, pins every
 * image, restarts what runs long and publishes nothing internal on all interfaces.
 */
const read = (file: string) => fs.readFileSync(path.join(PROJECT_ROOT, file), 'utf8');
const COMPOSE_TEXT = read('docker-compose.yml');

interface Service {
  image?: string;
  build?: unknown;
  restart?: string;
  environment?: Record<string, string | number | boolean>;
  ports?: string[];
  expose?: string[];
  depends_on?: Record<string, { condition: string }>;
  entrypoint?: string[];
  volumes?: string[];
}
const compose = parse(COMPOSE_TEXT, { merge: true }) as { services: Record<string, Service> };
const services = compose.services;

/** Secrets: each must be `${NAME:?message naming it}` wherever it is used, never with a default. */
const SECRETS = [
  'POSTGRES_PASSWORD',
  'CAMPAIGN_OWNER_PASSWORD',
  'CAMPAIGN_APP_PASSWORD',
  'TEMPORAL_DB_PASSWORD',
  'JWT_SECRET',
  'ADMIN_PASSWORD',
];

/** Variables the project's processes read: the settings schema, and the few read directly. */
const PROJECT_VARIABLES = [
  ...Object.keys(new Environment()),
  'HOST', // apps/api/src/main.ts
  'APP_NAME', // libs/database/src/data-source-options.ts
  'WEB_DIST_DIR', // apps/api/src/web-console/serve-console.ts
  'MALLOC_ARENA_MAX', // glibc's malloc, in every process (the worker's: see the test below)
];

/** What each image documents (or the repository's own script in it reads), by service. */
const IMAGE_VARIABLES: Record<string, string[]> = {
  // https://hub.docker.com/_/postgres "Environment Variables"; the last three: deploy/postgres/init/10-roles.sh
  postgres: [
    'POSTGRES_PASSWORD',
    'POSTGRES_USER',
    'POSTGRES_DB',
    'POSTGRES_INITDB_ARGS',
    'POSTGRES_INITDB_WALDIR',
    'POSTGRES_HOST_AUTH_METHOD',
    'PGDATA',
    'CAMPAIGN_OWNER_PASSWORD',
    'CAMPAIGN_APP_PASSWORD',
    'TEMPORAL_DB_PASSWORD',
  ],
  // temporalio/docker-builds docker/auto-setup.sh (as of the 1.28 images) and
  // go.temporal.io/server@v1.28.1 docker/config_template.yaml
  temporal: [
    'DB',
    'DB_PORT',
    'DBNAME',
    'VISIBILITY_DBNAME',
    'POSTGRES_SEEDS',
    'POSTGRES_USER',
    'POSTGRES_PWD',
    'POSTGRES_TLS_ENABLED',
    'SKIP_SCHEMA_SETUP',
    'SKIP_DB_CREATE',
    'SKIP_DEFAULT_NAMESPACE_CREATION',
    'DEFAULT_NAMESPACE',
    'DEFAULT_NAMESPACE_RETENTION',
    'SKIP_ADD_CUSTOM_SEARCH_ATTRIBUTES',
    'DYNAMIC_CONFIG_FILE_PATH',
    'NUM_HISTORY_SHARDS',
    'LOG_LEVEL',
    'BIND_ON_IP',
    'TEMPORAL_BROADCAST_ADDRESS',
    'PROMETHEUS_ENDPOINT',
    'SQL_MAX_CONNS',
    'SQL_MAX_IDLE_CONNS',
    'TEMPORAL_ADDRESS',
  ],
  // the Temporal CLI's environment (TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE) and deploy/temporal/setup.sh
  'temporal-setup': ['TEMPORAL_ADDRESS', 'TEMPORAL_NAMESPACE', 'TEMPORAL_NAMESPACE_RETENTION'],
  // https://docs.temporal.io/references/web-ui-environment-variables
  'temporal-ui': [
    'TEMPORAL_ADDRESS',
    'TEMPORAL_UI_PORT',
    'TEMPORAL_DEFAULT_NAMESPACE',
    'TEMPORAL_CORS_ORIGINS',
    'TEMPORAL_DISABLE_WRITE_ACTIONS',
    'TEMPORAL_AUTH_ENABLED',
  ],
  // read by deploy/caddy/Caddyfile ({$SITE_ADDRESS})
  proxy: ['SITE_ADDRESS'],
};

/** Services that run once and exit; every other one runs long. */
const ONE_OFF = ['migrate', 'temporal-setup'];
/** Services nobody outside this host should reach directly. */
const INTERNAL = ['postgres', 'temporal', 'temporal-ui', 'api', 'worker', 'migrate'];

/** The value compose would give a variable reference, with the given environment. */
function interpolate(value: string, env: Record<string, string>): string {
  return value.replace(
    /\$\$|\$\{(\w+)(?:(:?[?-])([^}]*))?\}/g,
    (whole, name?: string, op?: string, arg?: string) => {
      if (whole === '$$') return '$';
      const given = env[name!];
      if (op?.endsWith('?')) {
        if (!given) throw new Error(`${name}: ${arg}`);
        return given;
      }
      if (op?.endsWith('-')) return given || (arg ?? '');
      return given ?? '';
    },
  );
}

const SAMPLE: Record<string, string> = Object.fromEntries([
  ...SECRETS.map((s) => [s, `${s.toLowerCase().replace(/_/g, '')}0123456789abcdef0123456789`]),
  ['SITE_ADDRESS', 'campaign.example.gov.cn'],
]);
const environmentOf = (service: string, env: Record<string, string> = SAMPLE) =>
  Object.fromEntries(
    Object.entries(services[service].environment ?? {}).map(([key, value]) => [
      key,
      interpolate(String(value), env),
    ]),
  );

describe('docker-compose.yml (checked without Docker)', () => {
  it('parses, with the services the production shape needs', () => {
    expect(Object.keys(services).sort()).toEqual(
      ['api', 'migrate', 'postgres', 'proxy', 'temporal', 'temporal-setup', 'temporal-ui', 'worker'].sort(),
    );
  });

  it('names in each service only variables its program reads', () => {
    for (const [name, service] of Object.entries(services)) {
      const allowed = service.build !== undefined ? PROJECT_VARIABLES : IMAGE_VARIABLES[name];
      expect({
        service: name,
        unknown: Object.keys(service.environment ?? {}).filter((v) => !allowed.includes(v)),
      }).toEqual({
        service: name,
        unknown: [],
      });
    }
    // the repository's scripts in the images do read what is listed for them
    for (const variable of ['CAMPAIGN_OWNER_PASSWORD', 'CAMPAIGN_APP_PASSWORD', 'TEMPORAL_DB_PASSWORD'])
      expect(read('deploy/postgres/init/10-roles.sh') + read('deploy/postgres/init/roles.psql')).toContain(
        variable,
      );
    expect(read('deploy/temporal/setup.sh')).toContain('TEMPORAL_NAMESPACE_RETENTION');
    expect(read('deploy/caddy/Caddyfile')).toContain('{$SITE_ADDRESS}');
  });

  it('runs the worker with the malloc arenas npm start gives it, which keep its memory per cached workflow under 400 KiB', () => {
    expect(services.worker.environment?.MALLOC_ARENA_MAX).toBe(WORKER_MALLOC_ARENA_MAX);
  });

  it('requires every secret with a message naming it, and gives none a default', () => {
    const references = [...COMPOSE_TEXT.matchAll(/\$\{(\w+)(:?[?-])?([^}]*)\}/g)];
    for (const secret of SECRETS) {
      const uses = references.filter((r) => r[1] === secret);
      expect({ secret, used: uses.length > 0 }).toEqual({ secret, used: true });
      for (const use of uses) {
        expect({ secret, op: use[2], namesIt: use[3].includes(secret) }).toEqual({
          secret,
          op: ':?',
          namesIt: true,
        });
      }
    }
    // nothing that looks like a secret has a fallback value
    for (const reference of references.filter((r) => r[2]?.endsWith('-')))
      expect(reference[1]).not.toMatch(/PASSWORD|SECRET|TOKEN|KEY/);
    expect(COMPOSE_TEXT).not.toMatch(/change-me/i);
    // a missing secret stops compose with its name
    const withoutJwt: Record<string, string> = Object.fromEntries(
      Object.entries(SAMPLE).filter(([name]) => name !== 'JWT_SECRET'),
    );
    expect(() => environmentOf('api', withoutJwt)).toThrow(/^JWT_SECRET: set JWT_SECRET/);
  });

  it('pins every image to a version tag (no latest, no missing tag)', () => {
    for (const [name, service] of Object.entries(services)) {
      if (service.build !== undefined) {
        expect({ name, image: service.image }).toEqual({ name, image: undefined });
        continue;
      }
      const tag = /^[\w./-]+:([\w.-]+)$/.exec(service.image ?? '')?.[1];
      expect({ name, tag }).toEqual({ name, tag: expect.stringMatching(/^\d+\.\d+(\.\d+)?(-[\w.-]+)?$/) });
    }
    // Temporal's server and tools, and the server `ensureTemporalServer` builds, are one version
    expect(services.temporal.image).toBe(`temporalio/auto-setup:${TEMPORAL_SERVER_VERSION}`);
    expect(services['temporal-setup'].image).toMatch(
      new RegExp(`^temporalio/admin-tools:${TEMPORAL_SERVER_VERSION.replace(/\./g, '\\.')}-`),
    );
  });

  it('restarts every long-running service, and not the one-off steps', () => {
    for (const [name, service] of Object.entries(services))
      expect({ name, restart: service.restart }).toEqual({
        name,
        restart: ONE_OFF.includes(name) ? 'no' : 'unless-stopped',
      });
  });

  it('publishes Postgres, Temporal and its UI on no public interface, the API on no host port at all', () => {
    for (const name of INTERNAL)
      for (const port of services[name].ports ?? [])
        expect({ name, port }).toEqual({ name, port: expect.stringMatching(/^127\.0\.0\.1:\d+:\d+$/) });
    expect(services.api.ports).toBeUndefined();
    expect(services.proxy.ports).toEqual(['80:80', '443:443']);
  });

  it('migrates once as the schema owner before the API and the worker, which connect as the campaign_app login', () => {
    expect(environmentOf('migrate').DATABASE_URL).toMatch(/^postgres:\/\/campaign_owner:/);
    expect(services.migrate.depends_on).toEqual({ postgres: { condition: 'service_healthy' } });
    for (const name of ['api', 'worker']) {
      const env = environmentOf(name);
      expect(env.DATABASE_URL).toMatch(/^postgres:\/\/campaign_api:/);
      expect(env.DB_MIGRATE_ON_START).toBe('false');
      expect(services[name].depends_on).toMatchObject({
        migrate: { condition: 'service_completed_successfully' },
        'temporal-setup': { condition: 'service_completed_successfully' },
      });
    }
    // the roles the URLs name are the ones the init step creates
    const init = read('deploy/postgres/init/10-roles.sh');
    expect(init).toContain('owner_role=campaign_owner');
    expect(init).toContain('app_login=campaign_api');
    expect(services.postgres.volumes).toContain('./deploy/postgres/init:/docker-entrypoint-initdb.d:ro');
    // Temporal's login is the init step's, and not named like its database: auto-setup creates no
    // database named like its user (it expects the image's POSTGRES_USER database to exist)
    const temporal = environmentOf('temporal');
    expect(init).toContain(`temporal_role=${temporal.POSTGRES_USER}`);
    expect(temporal.POSTGRES_USER).not.toBe(temporal.DBNAME ?? 'temporal');
  });

  it('gives the API and the worker every setting they require, valid; the first admin gets a password so none is printed', () => {
    for (const name of ['api', 'worker']) {
      const env = loadEnvironment(environmentOf(name));
      expect(requireSetting(env, 'DATABASE_URL')).toBeDefined();
      expect(requireSetting(env, 'TEMPORAL_ADDRESS')).toBe('temporal:7233');
    }
    const api = loadEnvironment(environmentOf('api'));
    expect(requireSetting(api, 'JWT_SECRET')).toBeDefined();
    expect(requireSetting(api, 'ADMIN_PASSWORD')).toBeDefined();
    expect(api.TRUST_PROXY).toBe('1');
    expect(api.OPENAPI_UI).toBe(false);
  });

  it('sets up the namespace the API and the worker use, with exactly the search attributes the workflows define, failing loudly', () => {
    const namespaces = ['api', 'worker', 'temporal-setup'].map(
      (name) => environmentOf(name).TEMPORAL_NAMESPACE,
    );
    expect(new Set(namespaces).size).toBe(1);
    expect(environmentOf('temporal-ui').TEMPORAL_DEFAULT_NAMESPACE).toBe(namespaces[0]);
    expect(environmentOf('temporal', { ...SAMPLE, TEMPORAL_NAMESPACE: 'county-x' })).toMatchObject({
      SKIP_DEFAULT_NAMESPACE_CREATION: 'true',
    });
    expect(environmentOf('worker', { ...SAMPLE, TEMPORAL_NAMESPACE: 'county-x' }).TEMPORAL_NAMESPACE).toBe(
      'county-x',
    );

    const script = read('deploy/temporal/setup.sh');
    const declared = /SEARCH_ATTRIBUTES="([^"]+)"/.exec(script)?.[1].split(' ');
    const cliType: Record<string, string> = { Keyword: 'KEYWORD', Int: 'INT', Datetime: 'DATETIME' };
    expect(
      declared?.map((pair) => {
        const [name, type] = pair.split(':');
        return { name, type: cliType[type] };
      }),
    ).toEqual(SEARCH_ATTRIBUTES.map((key) => ({ name: key.name, type: key.type })));
    expect(script).toMatch(/^set -eu$/m);
    expect(services['temporal-setup'].entrypoint).toEqual(['/bin/sh', '/setup.sh']);
    expect(services['temporal-setup'].volumes).toContain('./deploy/temporal/setup.sh:/setup.sh:ro');
    for (const file of ['docker-compose.yml', 'deploy/temporal/setup.sh', 'deploy/postgres/init/10-roles.sh'])
      expect({ file, swallowsErrors: /\|\|\s*true/.test(read(file)) }).toEqual({
        file,
        swallowsErrors: false,
      });
  });
});
