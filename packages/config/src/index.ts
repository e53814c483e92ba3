/**
 * Typed configuration: the only module that reads `process.env`.
 * `loadConfig()` validates every key once and returns a frozen object; a bad
 * environment fails at startup with one message listing every bad key.
 */
import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

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
  /** Directory of the built web app served at `/`. */
  WEB_DIST_DIR: z.string().optional(),
  /** Largest accepted request body, in bytes. */
  BODY_LIMIT_BYTES: z.coerce.number().int().positive().default(1_048_576),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Config = Readonly<
  z.infer<typeof configSchema> & {
    database: { kind: 'postgres'; url: string } | { kind: 'pglite'; dataDir: string };
    publicUrl: string;
  }
>;

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Builds the configuration from an environment (defaults to `process.env`). */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = configSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`));
  }
  const c = parsed.data;
  return Object.freeze({
    ...c,
    database: c.DATABASE_URL
      ? ({ kind: 'postgres', url: c.DATABASE_URL } as const)
      : ({ kind: 'pglite', dataDir: c.PGLITE_DATA_DIR } as const),
    publicUrl: c.PUBLIC_URL ?? `http://localhost:${c.PORT}`,
  });
}
