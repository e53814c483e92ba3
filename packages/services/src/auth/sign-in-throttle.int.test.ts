import { signInThrottleRepository } from '@retaille/db';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestServices, type TestServices } from '../testing/test-services.ts';

/** Default policy: 5 failures per account × address over 15 min with back-off; 50 per account per hour. */
let s: TestServices;
let clock = new Date('2026-12-05T10:00:00Z');
const at = (minutes: number) => {
  clock = new Date(Date.parse('2026-12-05T10:00:00Z') + minutes * 60_000);
};
const keys = async () =>
  (await s.database.db.selectFrom('sign_in_throttle').select('key').orderBy('key').execute()).map(
    (r) => r.key,
  );

beforeAll(async () => {
  s = await createTestServices({}, { now: () => clock });
});
afterAll(async () => {
  await s.database.close();
});

it('prunes only the keys that no longer weigh on any attempt, and a pruned key counts again from one', async () => {
  const t = s.signInThrottle;
  at(0);
  await t.begin('quiet@example.fr', '203.0.113.1');
  // A pair blocked by back-off: the fifth failure blocks it for 15 min (until 10:15).
  for (let i = 0; i < 5; i++) await t.begin('blocked@example.fr', '203.0.113.2');
  expect((await t.begin('blocked@example.fr', '203.0.113.2')).blocked).toBe(true);
  expect(await keys()).toHaveLength(4);

  // 59 minutes later the account keys' one-hour window is still open: nothing goes.
  at(59);
  expect(await t.prune()).toBe(0);
  // After the longest window the quiet keys go; the blocked pair stays a window past its block's end.
  at(61);
  expect(await t.prune()).toBe(3);
  expect(await keys()).toEqual(['signin:blocked@example.fr|203.0.113.2']);
  at(74);
  expect(await t.prune()).toBe(0);
  at(76);
  expect(await t.prune()).toBe(1);
  expect(await keys()).toEqual([]);
  // The next attempt is the first of a new window, as it would have been with the row kept.
  expect((await t.begin('blocked@example.fr', '203.0.113.2')).blocked).toBe(false);
  const fresh = await signInThrottleRepository.findThrottle(
    s.database.db,
    'signin:blocked@example.fr|203.0.113.2',
  );
  expect(fresh!.failures).toBe(1);
});
