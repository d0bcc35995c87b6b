import { IsReadableFile } from './readable-file';
import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsOptional,
  IsUrl,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  ValidateIf,
  validateSync,
} from 'class-validator';
import { ObservabilitySettings, toInt } from './observability-settings';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
/**
 * Booleans are `true`/`false` (or `1`/`0`), nothing else: `yes` or `on` is refused by `@IsBoolean`
 * instead of being read as false.
 */
const toBool = ({ value }: { value: unknown }) => {
  if (value === undefined || value === '') return undefined;
  if (value === true || value === 'true' || value === '1') return true;
  if (value === false || value === 'false' || value === '0') return false;
  return value;
};
const BOOLEAN = { message: 'must be true or false (or 1 or 0)' };

/**
 * Every setting the processes read, validated at boot. A wrong value stops the process with a
 * message naming the variable (see `loadEnvironment`).
 */
export class Environment extends ObservabilitySettings {
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(65535)
  PORT: number = 3000;

  @IsOptional()
  @IsString()
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'must be a postgres:// URL' })
  DATABASE_URL?: string = undefined;

  @IsOptional()
  @Transform(toBool)
  @IsBoolean(BOOLEAN)
  DB_MIGRATE_ON_START: boolean = true;

  @IsOptional()
  @IsString()
  @Matches(/^[^\s:]+:\d+$/, { message: 'must be host:port, e.g. 127.0.0.1:7233' })
  TEMPORAL_ADDRESS?: string = undefined;

  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9._-]+$/, { message: 'must be a Temporal namespace name' })
  TEMPORAL_NAMESPACE: string = 'default';

  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9._-]+$/, { message: 'must be a task queue name' })
  TEMPORAL_TASK_QUEUE: string = 'campaign-engine';

  @IsOptional()
  @IsString()
  WORKFLOW_BUNDLE_PATH?: string = undefined;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100000)
  WORKER_MAX_CACHED_WORKFLOWS: number = 2000;

  /**
   * How long a cached workflow's task may wait for this worker before Temporal times it out and
   * hands it to any worker (Temporal's default is 10 s). Timers due together (a shared deadline)
   * queue longer than 10 s on one worker and time out; a killed worker's cached workflows wait up
   * to this long for another worker. 30 s: no storm timeouts and a crash stall of about 30 s in
   * `npm run bench:sticky` (120 s stalled two minutes); see docs/PERFORMANCE.md.
   */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3600)
  WORKER_STICKY_TIMEOUT_SECONDS: number = 30;

  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'must be at least 32 characters (npm start generates one)' })
  JWT_SECRET?: string = undefined;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(60)
  @Max(86400)
  ACCESS_TOKEN_TTL_SECONDS: number = 900;

  /**
   * How long the access guard reuses "who this token acts for" (0: read on every request); dropped
   * at once on a change, through the `access_change` notifications.
   */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(300)
  ACCESS_CACHE_TTL_SECONDS: number = 30;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(365)
  REFRESH_TOKEN_TTL_DAYS: number = 30;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100)
  LOGIN_MAX_FAILURES: number = 5;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1440)
  LOGIN_LOCK_MINUTES: number = 15;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10000)
  LOGIN_RATE_LIMIT_PER_MINUTE: number = 20;

  /** Sign-ins from one address per minute, whoever signs in (an office behind one address: keep it high). */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100000)
  LOGIN_RATE_LIMIT_PER_ADDRESS_PER_MINUTE: number = 300;

  /** Imports, exports and bulk steps one person may start per minute. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10000)
  EXPENSIVE_RATE_LIMIT_PER_MINUTE: number = 30;

  /**
   * The API server's `trustProxy` (Fastify): unset, X-Forwarded-For is ignored (the client's own address counts);
   * behind a reverse proxy `loopback`, a hop count (`1`), `true` or addresses/CIDRs, comma-separated.
   */
  @IsOptional()
  @IsString()
  @Matches(
    /^(true|false|\d{1,2}|(loopback|linklocal|uniquelocal|[0-9A-Fa-f.:]+(\/\d{1,3})?)(\s*,\s*(loopback|linklocal|uniquelocal|[0-9A-Fa-f.:]+(\/\d{1,3})?))*)$/,
    {
      message:
        'must be true, false, a hop count, or loopback/linklocal/uniquelocal/addresses, comma-separated',
    },
  )
  TRUST_PROXY?: string = undefined;

  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9._-]{3,64}$/, { message: 'must be 3-64 letters, digits, . _ -' })
  ADMIN_USERNAME: string = 'admin';

  @IsOptional()
  @IsString()
  @MinLength(12, { message: 'must be at least 12 characters' })
  ADMIN_PASSWORD?: string = undefined;

  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'] }, { message: 'must be an http(s) URL' })
  NOTIFICATION_WEBHOOK_URL?: string = undefined;

  /**
   * The issuing office (发文机关) of notices, bulletins and reports: a unit code of the unit tree.
   * Unset: the tree's root (the county). Numbers run per office, kind and year.
   */
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9._-]{1,64}$/, { message: 'must be a unit code (letters, digits, . _ -)' })
  ISSUING_UNIT_CODE?: string = undefined;

  /** What the webhook speaks: `generic` JSON, or a DingTalk or WeCom group robot's markdown message. */
  @IsOptional()
  @IsIn(['generic', 'dingtalk', 'wecom'])
  NOTIFICATION_WEBHOOK_FORMAT: 'generic' | 'dingtalk' | 'wecom' = 'generic';

  /** DingTalk robot 加签 secret (`SEC…`): every request is signed with `timestamp` and `sign`. */
  @ValidateIf((env: Environment) => env.NOTIFICATION_WEBHOOK_SECRET !== undefined)
  @IsString()
  @MinLength(8, { message: 'must be at least 8 characters' })
  NOTIFICATION_WEBHOOK_SECRET?: string = undefined;

  /**
   * Shared secret signing every webhook delivery (any format): `X-Signature-Timestamp` (Unix
   * seconds) and `X-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">`.
   */
  @ValidateIf((env: Environment) => env.WEBHOOK_SIGNING_SECRET !== undefined)
  @IsString()
  @MinLength(32, { message: 'must be at least 32 characters' })
  WEBHOOK_SIGNING_SECRET?: string = undefined;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(600)
  REGISTRATION_WAIT_SECONDS: number = 30;

  /**
   * `/api/ready` answers 503 WORKER_UNAVAILABLE when no worker has polled the task queue for this
   * many seconds (Temporal's DescribeTaskQueue: each poller's last access). An idle worker polls
   * again every long-poll interval: 10 s on the dev server `npm start` runs, 60 s on a Temporal
   * cluster left at its defaults (there set this above 60).
   */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(2)
  @Max(600)
  WORKER_POLL_STALE_SECONDS: number = 30;

  /**
   * How long a command waits for a worker to take and complete its step before answering 503
   * WORKER_UNAVAILABLE (the step may still apply later; a retry with the same Idempotency-Key is safe).
   */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(120)
  COMMAND_WAIT_SECONDS: number = 10;

  /**
   * Every this many seconds the worker compares the households changed in the last
   * RECONCILE_WINDOW_MINUTES with their workflows and repairs rows that ran ahead (0: never).
   */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(3600)
  RECONCILE_INTERVAL_SECONDS: number = 60;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10080)
  RECONCILE_WINDOW_MINUTES: number = 15;

  /** Where subsidies are paid: `simulated` (its own books in Postgres) or `http` (PAYMENT_GATEWAY_URL). */
  @IsOptional()
  @IsIn(['simulated', 'http'])
  PAYMENT_GATEWAY: 'simulated' | 'http' = 'simulated';

  @ValidateIf((env: Environment) => env.PAYMENT_GATEWAY === 'http' || env.PAYMENT_GATEWAY_URL !== undefined)
  @IsDefined({ message: 'is required when PAYMENT_GATEWAY=http' })
  @IsUrl({ require_tld: false, protocols: ['http', 'https'] }, { message: 'must be an http(s) URL' })
  PAYMENT_GATEWAY_URL?: string = undefined;

  /** Share of simulated transfers that fail as if the gateway were unreachable (0–1), to rehearse retries. */
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    value === undefined || value === '' ? undefined : Number(value),
  )
  @Min(0)
  @Max(1)
  SIMULATED_GATEWAY_FAILURE_RATE: number = 0;

  /** The simulated gateway refuses (for good) any single transfer above this many yuan. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  SIMULATED_GATEWAY_LIMIT_YUAN: number = 100_000;

  /** Households whose pipelines one import activity starts at a time. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(2000)
  HOUSEHOLD_START_CHUNK: number = 200;

  @IsOptional()
  @IsIn(LOG_LEVELS)
  LOG_LEVEL: (typeof LOG_LEVELS)[number] = 'info';

  /**
   * Origins (scheme://host[:port], comma-separated) whose pages may call the API from a browser
   * (CORS, with credentials). Unset: no CORS headers, only the console the API serves itself.
   */
  @IsOptional()
  @IsString()
  @Matches(/^https?:\/\/[^\s/,]+(\s*,\s*https?:\/\/[^\s/,]+)*$/, {
    message: 'must be origins like https://console.example.gov.cn, comma-separated, without a path',
  })
  CORS_ORIGINS?: string = undefined;

  /** Serve the OpenAPI pages (`/docs`, `/docs-json`); `false` in production hides them. */
  @IsOptional()
  @Transform(toBool)
  @IsBoolean(BOOLEAN)
  OPENAPI_UI: boolean = true;

  /** Postgres connections one process (API or worker) keeps at most. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000)
  DB_POOL_SIZE: number = 20;

  /** Postgres `statement_timeout` of the API's and the worker's connections, in ms (0: no limit). */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(3_600_000)
  DB_STATEMENT_TIMEOUT_MS: number = 0;

  /**
   * TLS to the Temporal frontend: the CA that signed its certificate (a PEM file; unset: the
   * system's CAs). Any TEMPORAL_TLS_* or TEMPORAL_API_KEY turns TLS on.
   */
  @IsOptional()
  @IsString()
  @IsReadableFile()
  TEMPORAL_TLS_CA?: string = undefined;

  /** mTLS: this process's client certificate (PEM file), with TEMPORAL_TLS_KEY. */
  @ValidateIf((env: Environment) => env.TEMPORAL_TLS_CERT !== undefined || env.TEMPORAL_TLS_KEY !== undefined)
  @IsDefined({ message: 'is required with TEMPORAL_TLS_KEY (a client certificate and its key go together)' })
  @IsString()
  @IsReadableFile()
  TEMPORAL_TLS_CERT?: string = undefined;

  /** mTLS: the private key of TEMPORAL_TLS_CERT (PEM file). */
  @ValidateIf((env: Environment) => env.TEMPORAL_TLS_CERT !== undefined || env.TEMPORAL_TLS_KEY !== undefined)
  @IsDefined({ message: 'is required with TEMPORAL_TLS_CERT (a client certificate and its key go together)' })
  @IsString()
  @IsReadableFile()
  TEMPORAL_TLS_KEY?: string = undefined;

  /** The name the frontend's certificate is checked against, when it differs from TEMPORAL_ADDRESS's host. */
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9.-]+$/, { message: 'must be a host name' })
  TEMPORAL_TLS_SERVER_NAME?: string = undefined;

  /** An API key (Temporal Cloud): sent as a bearer token on every call, over TLS. */
  @IsOptional()
  @IsString()
  @MinLength(8, { message: 'must be at least 8 characters' })
  TEMPORAL_API_KEY?: string = undefined;
}

/** The origins CORS_ORIGINS lists. */
export function corsOrigins(env: Pick<Environment, 'CORS_ORIGINS'>): string[] {
  return (env.CORS_ORIGINS ?? '')
    .split(',')
    .map((origin) => origin.trim())
    .filter((origin) => origin !== '');
}

export class EnvironmentError extends Error {}

/** The rules that say what kind of value a variable takes: a value breaking one is named by it alone. */
const KIND_RULES = ['isDefined', 'isInt', 'isNumber', 'isBoolean', 'isString', 'isIn', 'isUrl', 'matches'];

/** One clear problem per variable: what kind of value it takes when that is what is wrong, else every bound. */
function firstProblem(constraints: Record<string, string>): string {
  const kind = KIND_RULES.find((rule) => constraints[rule] !== undefined);
  return kind ? constraints[kind] : Object.values(constraints).join('; ');
}

/** Validates the variables that `schema` declares; throws one error naming every bad variable. */
export function validateEnvironment<T extends object>(schema: new () => T, source: NodeJS.ProcessEnv): T {
  const known = Object.keys(new schema());
  const picked = Object.fromEntries(Object.entries(source).filter(([key]) => known.includes(key)));
  const env = plainToInstance(schema, picked, { exposeDefaultValues: true });
  const errors = validateSync(env);
  if (errors.length > 0) {
    const lines = errors.map((e) => {
      const given = source[e.property];
      const shown = given === undefined || given === '' ? ' (not set)' : `=${JSON.stringify(given)}`;
      return `  ${e.property}${shown}: ${firstProblem(e.constraints ?? {})}`;
    });
    throw new EnvironmentError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return env;
}

/** The settings of the API and the worker, from `process.env` unless given. */
export function loadEnvironment(source: NodeJS.ProcessEnv = process.env): Environment {
  return validateEnvironment(Environment, source);
}
