import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { createTestServices, type TestServices } from '../testing/test-services.ts';
import { jobNames } from './job-queue.ts';
import { type StartedJobQueue, startPgBossQueue } from './pg-boss-queue.ts';

/**
 * Two servers and a worker started at once against one database (a deploy) must all come up:
 * CI once saw PostgreSQL pick one process's `create_queue` as a deadlock victim and the server exit.
 * PostgreSQL only: PGlite is one process's database, with one connection.
 */
let s: TestServices;
const started: StartedJobQueue[] = [];
beforeAll(async () => {
  s = await createTestServices();
});
afterAll(async () => {
  await Promise.all(started.map((q) => q.stop()));
  await s.database.close();
});

it.skipIf(inject('testDb').kind !== 'postgres')(
  'several processes starting the job queue at once on a fresh database all start, with every queue once',
  async () => {
    const collisions: string[] = [];
    const starts = await Promise.allSettled(
      Array.from({ length: 4 }, () =>
        startPgBossQueue(s.jobs, s.database, (m) => collisions.push(m), { workers: false }),
      ),
    );
    for (const start of starts) if (start.status === 'fulfilled') started.push(start.value);
    expect(
      starts.filter((x) => x.status === 'rejected').map((x) => (x as PromiseRejectedResult).reason),
    ).toEqual([]);
    const { rows } = await s.database.pool.query<{ name: string; n: number }>(
      'select name, count(*)::int as n from pgboss.queue group by name order by name',
    );
    expect(rows.map((r) => r.name)).toEqual([...jobNames].sort());
    expect(rows.every((r) => r.n === 1)).toBe(true);
  },
);
