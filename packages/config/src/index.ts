/**
 * Typed configuration: the only module that reads `process.env`.
 * `loadConfig()` validates every key once and returns a frozen object; a bad
 * environment fails at startup with one message listing every bad key.
 */
import { isIP } from 'node:net';
import { dirname, join } from 'node:path';
import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

/** proxy-addr's named ranges, accepted in TRUST_PROXY lists. */
const NAMED_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isAddressOrCidr(entry: string): boolean {
  if (NAMED_RANGES.has(entry)) return true;
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (family === 4 ? 32 : 128);
}

/**
 * Which reverse proxies may set X-Forwarded-For: off (the socket address is the client), a
 * number of hops, or a comma list of proxy addresses, CIDRs or proxy-addr's named ranges. Never
 * `true`: trusting every hop lets any client choose the address that rate limits key on.
 */
const trustProxy = z
  .string()
  .trim()
  .transform((v, ctx): false | number | string[] => {
    if (v === '' || v === 'false' || v === '0') return false;
    if (/^\d+$/.test(v)) {
      const hops = Number(v);
      if (hops <= 10) return hops;
      ctx.addIssue({ code: 'custom', message: 'a hop count is at most 10' });
      return z.NEVER;
    }
    const entries = v.split(',').map((e) => e.trim());
    const bad = entries.filter((e) => !isAddressOrCidr(e));
    if (bad.length > 0) {
      ctx.addIssue({
        code: 'custom',
        message: `expected a hop count or a comma list of proxy addresses/CIDRs, got: ${bad.join(', ')}`,
      });
      return z.NEVER;
    }
    return entries;
  });

export const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  /** HTTP port of the server. */
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  /** Public URL of the app, used in e-mails and for the CSRF origin check. */
  PUBLIC_URL: z.url().optional(),
  /** PostgreSQL connection string; when absent, the embedded PGlite database is used. */
  DATABASE_URL: z.string().optional(),
  /** Directory of the embedded database; `memory://` keeps it in memory. */
  PGLITE_DATA_DIR: z.string().default('./.data/pglite'),
  /** Load the demo network (sites, accounts…) at start when the database is empty. */
  SEED_DEMO: bool.default(true),
  /**
   * Load the demo network even when the database already holds non-demo rows (sites, lots,
   * requests, users or trades not marked demo). Off: the loader refuses and the server starts
   * without demo data.
   */
  SEED_DEMO_FORCE: bool.default(false),
  /** Directory of the built web app served at `/`. */
  WEB_DIST_DIR: z.string().optional(),
  /** Largest accepted request body, in bytes. */
  BODY_LIMIT_BYTES: z.coerce.number().int().positive().default(1_048_576),
  /** Largest body accepted from a client without a session (sign-in forms, anonymous tRPC calls). */
  ANONYMOUS_BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).default(65_536),
  /** Reverse proxies whose X-Forwarded-For is believed; off by default (see `trustProxy`). */
  TRUST_PROXY: trustProxy.default(false),
  /** Requests per client and window on /trpc and /api: per address when anonymous, per account when signed in. */
  RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  RATE_LIMIT_ANONYMOUS_MAX: z.coerce.number().int().min(1).max(1_000_000).default(300),
  RATE_LIMIT_USER_MAX: z.coerce.number().int().min(1).max(1_000_000).default(3000),
  /** Most procedure calls in one batched tRPC HTTP request. */
  TRPC_MAX_BATCH_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  /** Default: `info` in production (one line per request), `warn` otherwise (a quiet quick start). */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
  /** Signs sessions and tokens. Required in production; a fixed development value otherwise. */
  AUTH_SECRET: z.string().min(32).optional(),
  /**
   * Failed sign-ins per account and client address before that pair is blocked; the first block
   * lasts the window, each further failure doubles it (up to the maximum); a quiet window resets it.
   */
  AUTH_SIGNIN_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  AUTH_SIGNIN_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86_400).default(900),
  AUTH_SIGNIN_MAX_BLOCK_SECONDS: z.coerce.number().int().min(1).max(604_800).default(86_400),
  /** Failed sign-ins per account from all addresses together before the account is blocked for the window. */
  AUTH_SIGNIN_ACCOUNT_MAX_FAILURES: z.coerce.number().int().min(1).max(100_000).default(50),
  AUTH_SIGNIN_ACCOUNT_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86_400).default(3600),
  /** Requests per IP on the sign-in, sign-up and reset endpoints per window. */
  AUTH_IP_MAX_REQUESTS: z.coerce.number().int().min(1).max(10_000).default(30),
  AUTH_IP_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
  /** Outgoing mail: an SMTP URL (smtp://user:pass@host:587); without it, mail goes to the dev outbox. */
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default('Retaille <no-reply@retaille.local>'),
  /** Password of the seeded demo accounts (printed at start). */
  DEMO_PASSWORD: z.string().min(10).default('retaille-demo-2026'),
  /**
   * Stripe secret key (sk_live_… / sk_test_…). Without it payments run in simulation: the server
   * starts the local Stripe emulator and the web shows a "mode simulation" banner.
   */
  STRIPE_SECRET_KEY: z.string().min(1).optional(),
  /** Signing secret of the Stripe webhook endpoint (whsec_…); required with STRIPE_SECRET_KEY in production. */
  STRIPE_WEBHOOK_SECRET: z.string().min(1).optional(),
  /**
   * Signing secret of the Stripe Connect webhook endpoint (account.updated…). Without it Connect
   * events are refused; sellers' status is still read from Stripe when a paid trade needs it.
   */
  STRIPE_CONNECT_WEBHOOK_SECRET: z.string().min(1).optional(),
  /**
   * Simulation: the local Stripe emulator's port (default 12111), stable so that checkout and
   * onboarding links survive a restart. With a throw-away database (`memory://`) the emulator is
   * throw-away too: a free port and no state file, unless these two keys are set.
   */
  STRIPE_EMULATOR_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  /** Simulation: the emulator's state file (default: stripe-emulator.json next to PGLITE_DATA_DIR). */
  STRIPE_EMULATOR_STATE_FILE: z.string().min(1).optional(),
  /**
   * Simulation: the API key the emulator accepts (default: a random one per start). Set it to reach
   * the emulator's API from outside the server, e.g. an end-to-end test changing an account.
   */
  STRIPE_EMULATOR_SECRET_KEY: z
    .string()
    .regex(/^sk_test_[A-Za-z0-9_]{8,100}$/, 'must look like sk_test_… (letters, digits, _)')
    .optional(),
  /**
   * Platform fee on the HT subtotal of paid trades, in basis points (250 = 2.5 %). Default 0: the
   * network starts without a commission; set it when the operator needs one.
   */
  PLATFORM_FEE_BPS: z.coerce.number().int().min(0).max(5000).default(0),
  /** Most agreed pickups a coordinator's pooled tours may gather in one territory and day (issue 17). */
  POOLED_TOUR_MAX_STOPS: z.coerce.number().int().min(1).max(500).default(200),
  /** The circuits map counts a trade as a short circuit under this seller–buyer distance (km). */
  SHORT_CIRCUIT_KM: z.coerce.number().min(1).max(1000).default(50),
  /** An unanswered trade request expires after this many hours (7 days). */
  TRADE_REQUEST_EXPIRY_HOURS: z.coerce.number().int().min(1).max(8760).default(168),
  /** An accepted paid trade left unpaid expires after this many minutes (Stripe Checkout: 30 min to 24 h). */
  TRADE_PAYMENT_EXPIRY_MINUTES: z.coerce.number().int().min(30).max(1440).default(1440),
  /** After handover, receipt is confirmed for a silent buyer after this many hours (7 days). */
  TRADE_RECEIPT_AUTO_CONFIRM_HOURS: z.coerce.number().int().min(1).max(8760).default(168),
  /** Unsettled disputes are released to the seller after this many hours (60 days). */
  TRADE_DISPUTE_AUTO_RESOLVE_HOURS: z.coerce.number().int().min(1).max(17520).default(1440),
  /** Between receipt and completion (and the transfer to the seller), in hours; 0 completes at once. */
  TRADE_COMPLETION_DELAY_HOURS: z.coerce.number().int().min(0).max(8760).default(0),
  /** How often the server applies due timed transitions and retries pending Stripe calls. */
  TRADE_TIMER_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  /**
   * What this process runs: `server` (HTTP and jobs), `web` (HTTP only: it queues jobs but runs no
   * worker nor timer) or `worker` (jobs and timers; HTTP only for /healthz, /readyz and /metrics).
   */
  RETAILLE_MODE: z.enum(['server', 'web', 'worker']).default('server'),
  /**
   * HTTP server processes on this machine (`node:cluster`, one port): a primary migrates the
   * database, runs the Stripe emulator in simulation, and keeps this many workers running. Each
   * worker is a whole `RETAILLE_MODE` process with its own pool. More than 1 needs PostgreSQL.
   */
  SERVER_PROCESSES: z.coerce.number().int().min(1).max(64).default(1),
  /**
   * Simulation: the URL of a Stripe emulator another process runs (a cluster's primary sets it for
   * its workers); this process then starts none. Needs STRIPE_EMULATOR_SECRET_KEY and
   * STRIPE_WEBHOOK_SECRET, the emulator's own.
   */
  STRIPE_EMULATOR_URL: z.url({ protocol: /^http$/ }).optional(),
  /** PostgreSQL connections per process (the auth library and the job queue share them). */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(2).max(200).default(10),
  /**
   * Queries as named prepared statements, parsed and planned once per connection (ADR 015); turn
   * off behind a transaction-mode pooler that cannot keep them (PgBouncer before 1.21).
   */
  DATABASE_PREPARED_STATEMENTS: bool.default(true),
  /** On SIGTERM/SIGINT, how long in-flight requests and jobs get before the process exits anyway. */
  SHUTDOWN_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(600).default(25),
  /**
   * Seconds a process reuses its answer to an anonymous, cookie-less GET of a public read
   * (lots.search, sites.list, communes, impact factors) for the same URL; 0 turns it off. Such
   * answers are already sent with `cache-control: public, max-age=30`. Default 2, but 0 when
   * NODE_ENV=test (tests read their own writes at once).
   */
  ANONYMOUS_READ_CACHE_SECONDS: z.coerce.number().int().min(0).max(30).optional(),
  /** When set, /metrics asks for `Authorization: Bearer <token>`; otherwise it answers anyone. */
  METRICS_TOKEN: z.string().min(16).optional(),
  /** Lot photos in an S3-compatible bucket (several servers); without S3_BUCKET they stay in the database. */
  S3_BUCKET: z.string().min(1).optional(),
  /** Endpoint of a non-AWS store (MinIO, Scaleway, OVH…: https://s3.fr-par.scw.cloud); AWS when absent. */
  S3_ENDPOINT: z.url().optional(),
  S3_REGION: z.string().min(1).default('us-east-1'),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  /** Path-style URLs (endpoint/bucket/key), which MinIO and most self-hosted stores need. */
  S3_FORCE_PATH_STYLE: bool.default(false),
});

export type Config = Readonly<
  Omit<z.infer<typeof configSchema>, 'LOG_LEVEL'> & {
    LOG_LEVEL: NonNullable<z.infer<typeof configSchema>['LOG_LEVEL']>;
    database: { kind: 'postgres'; url: string } | { kind: 'pglite'; dataDir: string };
    /** `live` with a Stripe key, else `simulation` (local Stripe emulator). */
    paymentsMode: 'live' | 'simulation';
    /** The simulation's Stripe emulator: its port (0 = a free one) and state file (null = memory). */
    stripeEmulator: { port: number; stateFile: string | null };
    /** The trade timers of the domain, in milliseconds. */
    tradeTimings: {
      requestExpiryMs: number;
      paymentExpiryMs: number;
      receiptAutoConfirmMs: number;
      disputeAutoResolveMs: number;
      completionDelayMs: number;
    };
    publicUrl: string;
    authSecret: string;
    /** ANONYMOUS_READ_CACHE_SECONDS with its default applied. */
    anonymousReadCacheSeconds: number;
    /** Where lot photos are stored: the database, or an S3-compatible bucket. */
    photoStore:
      | { kind: 'database' }
      | {
          kind: 's3';
          bucket: string;
          region: string;
          endpoint?: string;
          credentials?: { accessKeyId: string; secretAccessKey: string };
          forcePathStyle: boolean;
        };
  }
>;

/** Used only outside production, so local starts and tests need no secret. */
const DEVELOPMENT_AUTH_SECRET = 'retaille-development-secret-not-for-production-use';

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** The emulator's state lives as long as the database: next to PGlite's files, or none for `memory://`. */
function stripeEmulatorSettings(c: z.infer<typeof configSchema>): Config['stripeEmulator'] {
  const throwAway = !c.DATABASE_URL && c.PGLITE_DATA_DIR.startsWith('memory://');
  const defaultFile = throwAway ? null : join(dirname(c.PGLITE_DATA_DIR), 'stripe-emulator.json');
  return {
    port: c.STRIPE_EMULATOR_PORT ?? (throwAway ? 0 : 12111),
    stateFile: c.STRIPE_EMULATOR_STATE_FILE ?? defaultFile,
  };
}

/**
 * The variables of a developer tool outside the app's settings (the fuzz suite's `FUZZ_*`, …),
 * so that this module stays the only reader of `process.env`; each tool checks its own values.
 */
export function toolEnvironment(prefix: string): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith(prefix)));
}

/** Builds the configuration from an environment (defaults to `process.env`). */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = configSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`));
  }
  const c = parsed.data;
  if (c.NODE_ENV === 'production' && !c.AUTH_SECRET) {
    throw new ConfigError(['AUTH_SECRET: required in production (at least 32 random characters)']);
  }
  if (c.NODE_ENV === 'production' && c.STRIPE_SECRET_KEY && !c.STRIPE_WEBHOOK_SECRET) {
    throw new ConfigError(['STRIPE_WEBHOOK_SECRET: required with STRIPE_SECRET_KEY in production']);
  }
  const s3Problems = [
    ...(!c.S3_BUCKET && (c.S3_ENDPOINT || c.S3_ACCESS_KEY_ID || c.S3_SECRET_ACCESS_KEY)
      ? ['S3_BUCKET: required when another S3_ setting is set']
      : []),
    ...(!c.S3_ACCESS_KEY_ID !== !c.S3_SECRET_ACCESS_KEY
      ? ['S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY: set both or neither']
      : []),
  ];
  if (s3Problems.length > 0) throw new ConfigError(s3Problems);
  const processProblems = [
    ...(c.SERVER_PROCESSES > 1 && !c.DATABASE_URL
      ? [
          'SERVER_PROCESSES: more than one process needs PostgreSQL (DATABASE_URL); PGlite belongs to one process',
        ]
      : []),
    ...(c.STRIPE_EMULATOR_URL && (!c.STRIPE_EMULATOR_SECRET_KEY || !c.STRIPE_WEBHOOK_SECRET)
      ? ["STRIPE_EMULATOR_URL: needs the emulator's STRIPE_EMULATOR_SECRET_KEY and STRIPE_WEBHOOK_SECRET"]
      : []),
  ];
  if (processProblems.length > 0) throw new ConfigError(processProblems);
  const HOUR_MS = 3_600_000;
  return Object.freeze({
    ...c,
    database: c.DATABASE_URL
      ? ({ kind: 'postgres', url: c.DATABASE_URL } as const)
      : ({ kind: 'pglite', dataDir: c.PGLITE_DATA_DIR } as const),
    publicUrl: c.PUBLIC_URL ?? `http://localhost:${c.PORT}`,
    authSecret: c.AUTH_SECRET ?? DEVELOPMENT_AUTH_SECRET,
    anonymousReadCacheSeconds: c.ANONYMOUS_READ_CACHE_SECONDS ?? (c.NODE_ENV === 'test' ? 0 : 2),
    LOG_LEVEL: c.LOG_LEVEL ?? (c.NODE_ENV === 'production' ? 'info' : 'warn'),
    paymentsMode: c.STRIPE_SECRET_KEY ? ('live' as const) : ('simulation' as const),
    stripeEmulator: stripeEmulatorSettings(c),
    tradeTimings: {
      requestExpiryMs: c.TRADE_REQUEST_EXPIRY_HOURS * HOUR_MS,
      paymentExpiryMs: c.TRADE_PAYMENT_EXPIRY_MINUTES * 60_000,
      receiptAutoConfirmMs: c.TRADE_RECEIPT_AUTO_CONFIRM_HOURS * HOUR_MS,
      disputeAutoResolveMs: c.TRADE_DISPUTE_AUTO_RESOLVE_HOURS * HOUR_MS,
      completionDelayMs: c.TRADE_COMPLETION_DELAY_HOURS * HOUR_MS,
    },
    photoStore: c.S3_BUCKET
      ? {
          kind: 's3' as const,
          bucket: c.S3_BUCKET,
          region: c.S3_REGION,
          ...(c.S3_ENDPOINT ? { endpoint: c.S3_ENDPOINT } : {}),
          ...(c.S3_ACCESS_KEY_ID && c.S3_SECRET_ACCESS_KEY
            ? { credentials: { accessKeyId: c.S3_ACCESS_KEY_ID, secretAccessKey: c.S3_SECRET_ACCESS_KEY } }
            : {}),
          forcePathStyle: c.S3_FORCE_PATH_STYLE,
        }
      : { kind: 'database' as const },
  });
}

/**
 * What a production server must not start with, all listed at once (empty outside production).
 * Kept apart from `loadConfig` so tools and tests can build a production config without Stripe or
 * SMTP; `main.ts` refuses to start on any of these.
 */
export function productionProblems(config: Config): string[] {
  if (config.NODE_ENV !== 'production') return [];
  const problems: string[] = [];
  if (!config.AUTH_SECRET) problems.push('AUTH_SECRET: required in production');
  if (!config.STRIPE_SECRET_KEY) {
    problems.push(
      'STRIPE_SECRET_KEY: required in production (without it payments would run on the local Stripe emulator)',
    );
  } else if (!config.STRIPE_WEBHOOK_SECRET) {
    problems.push('STRIPE_WEBHOOK_SECRET: required with STRIPE_SECRET_KEY in production');
  }
  if (!config.SMTP_URL) {
    problems.push('SMTP_URL: required in production (without it mail would only reach the dev outbox)');
  }
  if (!config.PUBLIC_URL) problems.push('PUBLIC_URL: required in production (links in e-mails, CSRF origin)');
  return problems;
}
