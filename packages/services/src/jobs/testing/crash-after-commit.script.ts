/**
 * Test-only writer for jobs/crash-after-commit.int.test.ts: opens the configured database
 * (DATABASE_URL or PGLITE_DATA_DIR), queues through pg-boss without running any worker, performs
 * one state change and — when RETAILLE_TEST_KILL_AFTER_COMMIT=1 — SIGKILLs itself the moment
 * that change's COMMIT returns, before any code that would run after the transaction.
 *
 *   tsx crash-after-commit.script.ts publish '{"actor":…,"lotId":"…"}'
 *   tsx crash-after-commit.script.ts allocate '{"actor":…}'
 */
import { loadConfig, toolEnvironment } from '@retaille/config';
import { createDatabase, type DatabaseHandle } from '@retaille/db';
import type { UserActor } from '../../auth/actor.ts';
import { createServices } from '../../services.ts';
import { startPgBossQueue } from '../pg-boss-queue.ts';

type QueryClient = { query: (...args: unknown[]) => unknown };

/** Every pooled client reports a finished COMMIT to `onCommit` (the pool is shared by Kysely). */
function watchCommits(database: DatabaseHandle, onCommit: () => void) {
  type Callback = (err: Error | undefined, client?: QueryClient, release?: unknown) => void;
  const pool = database.pool as unknown as {
    connect: (cb?: Callback) => Promise<QueryClient> | undefined;
  };
  const connect = pool.connect.bind(pool);
  const watched = new WeakSet<QueryClient>();
  const watch = (client: QueryClient) => {
    if (watched.has(client)) return client;
    watched.add(client);
    const query = client.query.bind(client);
    client.query = (...q: unknown[]) => {
      const text = typeof q[0] === 'string' ? q[0] : (q[0] as { text?: string } | undefined)?.text;
      const result = query(...q);
      if (!/^\s*commit\b/i.test(text ?? '') || !(result instanceof Promise)) return result;
      return result.then((r) => {
        onCommit();
        return r;
      });
    };
    return client;
  };
  // pg's Pool.query uses the callback form of connect, Kysely the promise form.
  pool.connect = (cb?: Callback) =>
    cb
      ? connect((err, client, release) => cb(err, client && watch(client), release))
      : connect()!.then(watch);
}

const [mode, json] = process.argv.slice(2);
const input = JSON.parse(json ?? '{}') as { actor: UserActor; lotId?: string };
const config = loadConfig();
const database = await createDatabase(config.database);
const services = await createServices({ config, database });
const queue = await startPgBossQueue(services.jobs, database, (m) => console.warn(m), { workers: false });

let armed = false;
watchCommits(database, () => {
  if (armed) process.kill(process.pid, 'SIGKILL');
});
armed = toolEnvironment('RETAILLE_TEST_').RETAILLE_TEST_KILL_AFTER_COMMIT === '1';
if (mode === 'publish') await services.lots.setStatus(input.actor, input.lotId!, 'publish');
else if (mode === 'allocate') await services.allocations.start(input.actor, null);
else throw new Error(`unknown mode ${mode}`);
armed = false;

console.log('survived');
await queue.stop();
await database.close();
