/**
 * Where `bench:load` runs its server: a scratch PostgreSQL database beside the admin URL (reached
 * through the local Unix socket when there is one, see `viaLocalSocket`) or PGlite in memory.
 */
import { existsSync } from 'node:fs';
import { createDatabase } from '@retaille/db';

const SOCKET_DIR = '/var/run/postgresql';

/**
 * The same server through its Unix socket when it runs on this machine and the socket is there
 * (`?host=<directory>`, which `pg` reads as a socket directory), unless BENCH_LOAD_PG_TRANSPORT=tcp.
 */
export function viaLocalSocket(url: string, transport: string): string {
  const u = new URL(url);
  const local = ['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname);
  const port = u.port || '5432';
  if (transport !== 'socket' || !local || !existsSync(`${SOCKET_DIR}/.s.PGSQL.${port}`)) return url;
  u.hostname = 'localhost';
  u.searchParams.set('host', SOCKET_DIR);
  u.searchParams.set('port', port);
  return u.toString();
}

/** How the server reaches PostgreSQL, for the report. */
export function transportOf(url: string): string {
  const dir = new URL(url).searchParams.get('host');
  return dir ? `Unix socket in ${dir}` : `TCP ${new URL(url).host}`;
}

function withDatabaseName(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export interface Target {
  env: Record<string, string>;
  cleanup(): Promise<void>;
}

export async function postgresTarget(adminUrl: string): Promise<Target> {
  const name = `retaille_load_${Date.now()}_${process.pid}`;
  const admin = await createDatabase({ kind: 'postgres', url: adminUrl, poolSize: 1 });
  await admin.pool.query(`create database ${name}`);
  return {
    env: { DATABASE_URL: withDatabaseName(adminUrl, name) },
    cleanup: async () => {
      await admin.pool.query(`drop database if exists ${name} with (force)`);
      await admin.close();
    },
  };
}

export async function pgliteTarget(): Promise<Target> {
  return { env: { PGLITE_DATA_DIR: 'memory://' }, cleanup: async () => {} };
}
