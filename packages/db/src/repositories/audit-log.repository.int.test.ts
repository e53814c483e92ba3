import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DatabaseHandle } from '../database.ts';
import { createTestDatabase } from '../testing/test-database.ts';
import { appendAudit, listAudit } from './audit-log.repository.ts';

let database: DatabaseHandle;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

it('appends and reads back newest first; UPDATE, DELETE and TRUNCATE are refused by the database', async () => {
  const at = new Date('2026-12-05T10:00:00Z');
  await appendAudit(database.db, {
    created_at: at,
    actor_user_id: 'u1',
    kind: 'fee.set',
    subject_kind: 'setting',
    subject_id: 'platform_fee_bps',
    note: 'Premier',
    details: { from: 1000, to: 900 },
  });
  await appendAudit(database.db, {
    created_at: new Date(at.getTime() + 1000),
    actor_user_id: 'u2',
    kind: 'moderation.hold',
    subject_kind: 'lot',
    subject_id: 'l1',
  });
  expect((await listAudit(database.db, { limit: 10 })).map((r) => r.kind)).toEqual([
    'moderation.hold',
    'fee.set',
  ]);
  expect((await listAudit(database.db, { actorUserId: 'u1', limit: 10 }))[0]).toMatchObject({
    note: 'Premier',
    details: { from: 1000, to: 900 },
  });
  expect(
    await listAudit(database.db, { from: new Date(at.getTime() + 500), kind: 'fee.set', limit: 10 }),
  ).toEqual([]);
  for (const statement of [
    sql`update operator_audit_log set note = 'réécrit'`,
    sql`delete from operator_audit_log`,
    sql`truncate operator_audit_log`,
  ]) {
    await expect(statement.execute(database.db)).rejects.toThrow(/append-only/);
  }
  expect(await listAudit(database.db, { limit: 10 })).toHaveLength(2);
});
