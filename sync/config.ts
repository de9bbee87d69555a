// The service's configuration: parsed once with zod from the environment and command-line flags, then
// passed down. Callers hand in the environment object; nothing else in the service reads `process.env`.
import { isErrorType, TypedError } from '../shared/typed-error';
import { z } from 'zod';
import { fromEnv as graphFromEnv } from './publish/graph-settings';
import { PublishError } from './publish/publish-error';
import type { PublishDestination } from './publish/publish-master';
import { officeContactSetting } from './intake/office-contact';

const UNIT_MS = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
/** The duration grammar: a whole number and one unit, s, m, h or d (`90s`, `30m`, `6h`, `1d`). */
const DURATION = /^(\d+)([smhd])$/;
/** Node's timers hold at most 2^31 - 1 ms (24.8 days) and fire at once when asked for longer. */
const MAX_DURATION_MS = 24 * UNIT_MS.d;

const duration = z
  .string()
  .trim()
  .regex(DURATION, 'must be a duration such as 90s, 30m, 6h or 1d (a whole number and s, m, h or d)')
  .transform((v) => {
    const [, n, unit] = DURATION.exec(v)!;
    return Number(n) * UNIT_MS[unit as keyof typeof UNIT_MS];
  })
  .pipe(z.number()
    .min(UNIT_MS.m, 'must be at least 1m: each run builds and uploads the whole master workbook')
    .max(MAX_DURATION_MS, 'must be at most 24d'));

/** `ms` in the duration grammar, in the largest unit that divides it: 5,400,000 → `90m`. */
export function formatDuration(ms: number): string {
  const unit = (['d', 'h', 'm', 's'] as const).find((u) => ms % UNIT_MS[u] === 0) ?? 's';
  return `${ms / UNIT_MS[unit]}${unit}`;
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const count = (min: number) => z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(min, `must be at least ${min}`);

export const configSchema = z.object({
  port: count(0).max(65535, 'must be at most 65535').default(8787),
  /** Loopback by default: exposing the service is a deliberate choice (`HOST=0.0.0.0`). */
  host: z.string().trim().min(1).default('127.0.0.1'),
  /** SQLite data directory, used when `databaseUrl` is unset. */
  dataDir: z.string().trim().min(1).default('./data'),
  databaseUrl: z.string().regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://').optional(),
  /** PostgreSQL schema (created if missing), so several deployments can share one database. */
  databaseSchema: z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/, 'must be lower-case letters, digits and _').optional(),
  /**
   * Other origins whose pages may call the API from a browser (an Excel add-in hosted elsewhere); none by
   * default, since the service itself serves the add-in at /addin/excel/.
   */
  corsOrigins: z
    .string()
    .optional()
    .transform((v) => (v ?? '').split(',').map((o) => o.trim().replace(/\/+$/, '')).filter((o) => o !== ''))
    .pipe(z.array(z.string().regex(/^https?:\/\/[^\s/?#]+$/, 'must be origins such as https://addin.example.gov, separated by commas'))),
  /** Long enough that guessing is hopeless; generated on first start when unset. */
  adminToken: z.string().min(16, 'must be at least 16 characters').optional(),
  limits: z.object({
    /** Apps Script fetches are capped at 50 MB, so a client never needs more. */
    maxBodyBytes: count(1).default(50 * 1024 * 1024),
    /** Clients send 2,000–5,000 rows per request (see DESIGN: sync in chunks). */
    maxRowsPerBatch: count(1).default(5000),
    /** Requests per minute per token; bursts up to the same number are allowed. */
    rateLimitPerMinute: count(1).default(600),
    /** Failed authentications per minute per client address, in bursts of as many; then 429 until one refills. */
    authFailuresPerMinute: count(1).default(30),
  }),
  /** Where people reach the service (behind TLS), for the links printed and returned; else this server's own address. */
  publicUrl: z.url({ protocol: /^https?$/, error: 'must be an http(s) address such as https://equity.example.gov' }).transform((u) => u.replace(/\/+$/, '')).optional(),
  intake: z.object({
    /** Requests one public form takes per day; a flood of posts then fills no disk. */
    dailyCap: count(0).default(200),
    /** Form and survey posts per minute from one address; people send one, scripts send many. */
    postsPerMinute: count(1).default(10),
  }),
  /**
   * The office's time zone (IANA, such as America/Los_Angeles): the day a web-form request is received is the office's
   * day, not the server's; an evening request in the US is not dated tomorrow.
   */
  timeZone: z.string().trim().default('UTC').refine(isTimeZone, 'must be a time zone such as America/Los_Angeles or America/New_York'),
  /**
   * How a requester reaches the office, shown on the pages they read (the intake form's thank-you, the status page, the
   * survey, a link turned off). One per deployment, as the time zone: a deployment is one office's (decision 022).
   */
  office: officeContactSetting({ email: 'EQUITY_DESK_OFFICE_EMAIL', phone: 'EQUITY_DESK_OFFICE_PHONE' }),
  /** The committee's meeting days, for "since the last meeting" (the changes report and the dashboard). */
  meetings: z
    .string()
    .optional()
    .transform((v) => (v ?? '').split(',').map((d) => d.trim()).filter(Boolean))
    .pipe(z.array(z.iso.date('must be meeting dates as YYYY-MM-DD, separated by commas')).transform((days) => [...new Set(days)].sort())),
  /** Behind a proxy or load balancer: take the client's address from the last X-Forwarded-For entry. */
  trustProxy: z.stringbool({ error: 'must be true or false' }).default(false),
  /** The Chromium that prints the annual report to PDF (`report --out FILE.pdf`). */
  chromiumPath: z.string().trim().min(1).default('/usr/bin/chromium'),
  publish: z.object({
    /** How often `serve` publishes the master workbook; no schedule when unset. */
    everyMs: duration.optional(),
    /** Publish into this folder instead of through Microsoft Graph. */
    folder: z.string().trim().min(1).optional(),
  }),
});

/** `serve` publishes the master workbook every `everyMs` to `to`. */
export interface PublishSchedule {
  everyMs: number;
  to: PublishDestination;
}

export interface Config extends Omit<z.output<typeof configSchema>, 'publish'> {
  /** Absent when EQUITY_DESK_PUBLISH_EVERY is unset. */
  publishSchedule?: PublishSchedule;
}

/** What `openStore` needs from the configuration. */
export const storeOptions = (config: Config) => ({ dataDir: config.dataDir, databaseUrl: config.databaseUrl, schema: config.databaseSchema });

/** Where each setting comes from, so a problem names what the user actually set. */
const ENV_NAMES = {
  port: 'PORT',
  host: 'HOST',
  databaseUrl: 'DATABASE_URL',
  databaseSchema: 'DATABASE_SCHEMA',
  adminToken: 'EQUITY_DESK_ADMIN_TOKEN',
  corsOrigins: 'EQUITY_DESK_CORS_ORIGINS',
  'limits.maxBodyBytes': 'EQUITY_DESK_MAX_BODY_BYTES',
  'limits.maxRowsPerBatch': 'EQUITY_DESK_MAX_BATCH_ROWS',
  'limits.rateLimitPerMinute': 'EQUITY_DESK_RATE_LIMIT',
  publicUrl: 'EQUITY_DESK_PUBLIC_URL',
  'intake.dailyCap': 'EQUITY_DESK_INTAKE_DAILY_CAP',
  'intake.postsPerMinute': 'EQUITY_DESK_INTAKE_RATE_LIMIT',
  meetings: 'EQUITY_DESK_MEETINGS',
  timeZone: 'EQUITY_DESK_TIME_ZONE',
  chromiumPath: 'EQUITY_DESK_CHROMIUM',
  'limits.authFailuresPerMinute': 'EQUITY_DESK_AUTH_FAILURE_LIMIT',
  trustProxy: 'EQUITY_DESK_TRUST_PROXY',
  'publish.everyMs': 'EQUITY_DESK_PUBLISH_EVERY',
  'publish.folder': 'EQUITY_DESK_PUBLISH_FOLDER',
  'office.name': 'EQUITY_DESK_OFFICE_NAME',
  'office.email': 'EQUITY_DESK_OFFICE_EMAIL',
  'office.phone': 'EQUITY_DESK_OFFICE_PHONE',
  'office.website': 'EQUITY_DESK_OFFICE_WEBSITE',
} as const;

const FLAG_NAMES = { port: 'port', host: 'host', dataDir: 'data' } as const satisfies Record<string, keyof ConfigFlags>;

export interface ConfigFlags {
  port?: string | number;
  host?: string;
  data?: string;
}

/** A setting that does not parse; `setting` is the variable or flag to fix. */
export class ConfigError extends TypedError {
  override readonly name = 'ConfigError' as const;
  constructor(readonly setting: string, message: string) {
    super(message);
  }
}


/** Flags win over the environment; empty variables count as unset. Throws `ConfigError`. */
export function loadConfig(env: Readonly<Record<string, string | undefined>>, flags: ConfigFlags = {}): Config {
  const fromEnv = (name: string) => {
    const v = env[name];
    return v === undefined || v.trim() === '' ? undefined : v;
  };
  const input = {
    port: flags.port ?? fromEnv(ENV_NAMES.port),
    host: flags.host ?? fromEnv(ENV_NAMES.host),
    dataDir: flags.data,
    databaseUrl: fromEnv(ENV_NAMES.databaseUrl),
    databaseSchema: fromEnv(ENV_NAMES.databaseSchema),
    adminToken: fromEnv(ENV_NAMES.adminToken),
    corsOrigins: fromEnv(ENV_NAMES.corsOrigins),
    limits: {
      maxBodyBytes: fromEnv(ENV_NAMES['limits.maxBodyBytes']),
      maxRowsPerBatch: fromEnv(ENV_NAMES['limits.maxRowsPerBatch']),
      rateLimitPerMinute: fromEnv(ENV_NAMES['limits.rateLimitPerMinute']),
      authFailuresPerMinute: fromEnv(ENV_NAMES['limits.authFailuresPerMinute']),
    },
    publicUrl: fromEnv(ENV_NAMES.publicUrl),
    intake: {
      dailyCap: fromEnv(ENV_NAMES['intake.dailyCap']),
      postsPerMinute: fromEnv(ENV_NAMES['intake.postsPerMinute']),
    },
    meetings: fromEnv(ENV_NAMES.meetings),
    office: {
      name: fromEnv(ENV_NAMES['office.name']),
      email: fromEnv(ENV_NAMES['office.email']),
      phone: fromEnv(ENV_NAMES['office.phone']),
      website: fromEnv(ENV_NAMES['office.website']),
    },
    timeZone: fromEnv(ENV_NAMES.timeZone),
    chromiumPath: fromEnv(ENV_NAMES.chromiumPath),
    trustProxy: fromEnv(ENV_NAMES.trustProxy),
    publish: {
      everyMs: fromEnv(ENV_NAMES['publish.everyMs']),
      folder: fromEnv(ENV_NAMES['publish.folder']),
    },
  };
  const parsed = configSchema.safeParse(input);
  if (parsed.success) {
    const { publish, ...config } = parsed.data;
    return publish.everyMs === undefined ? config : { ...config, publishSchedule: { everyMs: publish.everyMs, to: destination(env, publish.folder) } };
  }
  const issue = parsed.error.issues[0];
  const key = issue.path.join('.');
  const flag = FLAG_NAMES[key as keyof typeof FLAG_NAMES] as keyof ConfigFlags | undefined;
  // A list's issue names its item (`meetings.0`); the setting is the list's.
  const name = ENV_NAMES[key as keyof typeof ENV_NAMES] ?? ENV_NAMES[String(issue.path[0]) as keyof typeof ENV_NAMES];
  const setting = flag !== undefined && flags[flag] !== undefined ? `--${flag}` : (name ?? key);
  throw new ConfigError(setting, `${setting}: ${issue.message}`);
}

/**
 * A schedule without a folder publishes through Graph, so its settings are checked now: a missing one then
 * stops `serve` at start rather than failing the first run, possibly hours later.
 */
function destination(env: Readonly<Record<string, string | undefined>>, folder: string | undefined): PublishDestination {
  if (folder !== undefined) return { folder };
  try {
    return { graph: graphFromEnv(env) };
  } catch (e) {
    if (!isErrorType(e, PublishError)) throw e;
    const setting = ENV_NAMES['publish.everyMs'];
    throw new ConfigError(setting, `${setting}: ${e.message} Set them, or publish into a folder with ${ENV_NAMES['publish.folder']}.`);
  }
}
