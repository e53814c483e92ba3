import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDatabase, type LedgerPostingWrite, ledgerRepository } from '@retaille/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UserActor } from '../auth/actor.ts';
import {
  createTestServices,
  createTestSite,
  createTestUser,
  lotInput,
  type TestServices,
} from '../testing/test-services.ts';
import { checkLedger } from './ledger-check.ts';

// The journal is append-only (a trigger refuses UPDATE and DELETE): a planted entry stays, so each
// test gets its own database.
const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const script = fileURLToPath(new URL('../../scripts/ledger-check.ts', import.meta.url));

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'retaille-ledger-check-'));
});
afterAll(() => rm(scratch, { recursive: true, force: true }));

/** A completed free trade: its material handover is the journal's one balanced entry. */
async function completedTrade(s: TestServices): Promise<{ tradeId: string; seller: UserActor }> {
  const seller = await createTestUser(s);
  const buyer = await createTestUser(s);
  const sellerSite = await createTestSite(s, seller);
  const buyerSite = await createTestSite(s, buyer);
  const lot = await s.lots.create(seller, lotInput(sellerSite.id));
  const t = await s.trades.request(buyer, { lotId: lot.id, quantity: 2, buyerSiteId: buyerSite.id });
  await s.trades.accept(seller, t.id);
  await s.trades.handOver(seller, t.id, '5.5');
  expect((await s.trades.confirmReceipt(buyer, t.id)).state).toBe('completed');
  return { tradeId: t.id, seller };
}

/** Writes postings as they are, past the domain's builders (which refuse an unbalanced entry). */
async function plant(s: TestServices, tradeId: string, key: string, postings: LedgerPostingWrite[]) {
  await s.database.db
    .transaction()
    .execute((trx) =>
      ledgerRepository.appendEntry(trx, { key, tradeId, event: 'settlement', postings }, new Date()),
    );
}

/**
 * Runs `pnpm ledger:check`'s script in a child process against this test database: the
 * PostgreSQL clone's URL, or for PGlite a copy of the in-memory database in a data directory.
 */
async function runLedgerCheckScript(s: TestServices): Promise<{ code: number | null; out: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'silent' };
  if (s.database.engine === 'postgres') {
    env.DATABASE_URL = (s.database.pool.options as { connectionString: string }).connectionString;
  } else {
    const dir = await mkdtemp(join(scratch, 'pglite-'));
    const copy = await createDatabase({
      kind: 'pglite',
      dataDir: dir,
      loadDataDir: await s.database.pglite!.dumpDataDir('gzip'),
    });
    await copy.close();
    delete env.DATABASE_URL;
    env.PGLITE_DATA_DIR = dir;
  }
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script], { cwd: repoRoot, env });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.stderr.on('data', (d) => {
      out += d;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out }));
  });
}

describe('checkLedger and pnpm ledger:check', () => {
  it('pass a balanced journal, then report an unbalanced entry planted in the database and exit 1', async () => {
    const s = await createTestServices();
    try {
      const { tradeId } = await completedTrade(s);
      const clean = await checkLedger(s.database.db);
      expect(clean).toMatchObject({ balanced: true, entries: 1, trades: 1, unbalancedTrades: [] });
      const ok = await runLedgerCheckScript(s);
      expect(ok.out).toContain('OK : le journal est équilibré.');
      expect(ok.code).toBe(0);

      // 5 € leave the buyer and arrive nowhere.
      await plant(s, tradeId, `planted:${tradeId}`, [{ account: 'buyer', unit: 'EUR', amountMinor: -500 }]);
      const report = await checkLedger(s.database.db);
      expect(report.balanced).toBe(false);
      expect(report.journal.imbalances).toEqual([
        expect.objectContaining({ key: `planted:${tradeId}`, unit: 'EUR', sum: -500 }),
      ]);
      expect(report.unbalancedTrades.map((t) => t.tradeId)).toEqual([tradeId]);
      const failed = await runLedgerCheckScript(s);
      expect(failed.out).toContain(`DÉSÉQUILIBRE planted:${tradeId} (EUR) : -500`);
      expect(failed.out).toContain('ERREUR : le journal est déséquilibré.');
      expect(failed.code).toBe(1);
    } finally {
      await s.database.close();
    }
  });

  it('reports entries that sum to zero but are inconsistent: money counted in kg, a payment split across two keys', async () => {
    const s = await createTestServices();
    try {
      const { tradeId } = await completedTrade(s);
      // Balanced in kg, but "buyer" is a money account.
      await plant(s, tradeId, `kg-on-money:${tradeId}`, [
        { account: 'buyer', unit: 'kg', amountMinor: -1000 },
        { account: `site:${tradeId}`, unit: 'kg', amountMinor: 1000 },
      ]);
      const mismatch = await checkLedger(s.database.db);
      expect(mismatch.balanced).toBe(false);
      expect(mismatch.journal.invalid).toEqual([
        expect.objectContaining({ key: `kg-on-money:${tradeId}`, reason: 'account_unit_mismatch' }),
      ]);
      expect(mismatch.journal.imbalances).toEqual([]);

      // Each half alone is unbalanced, although the trade as a whole sums to zero.
      await plant(s, tradeId, `half-a:${tradeId}`, [{ account: 'buyer', unit: 'EUR', amountMinor: -700 }]);
      await plant(s, tradeId, `half-b:${tradeId}`, [
        { account: 'stripe_clearing', unit: 'EUR', amountMinor: 700 },
      ]);
      const split = await checkLedger(s.database.db);
      expect(split.journal.imbalances.map((i) => [i.key, i.sum]).sort()).toEqual([
        [`half-a:${tradeId}`, -700],
        [`half-b:${tradeId}`, 700],
      ]);
      expect(split.balanced).toBe(false);
      // The handover's 2 postings and the 4 planted. Read back 4 then 1 at a time (the first with a
      // short last page): every posting once, the same verdict.
      expect(split.postings).toBe(6);
      expect(await checkLedger(s.database.db, 4)).toEqual(split);
      expect(await checkLedger(s.database.db, 1)).toEqual(split);
    } finally {
      await s.database.close();
    }
  });
});
