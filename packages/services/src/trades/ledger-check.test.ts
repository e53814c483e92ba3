import type { LedgerEntryRow } from '@retaille/db';
import { describe, expect, it } from 'vitest';
import { checkLedgerRows } from './ledger-check.ts';

// The decision half of `pnpm ledger:check`, on journal rows as the repository returns them (one
// row per posting, in id order). The reading half is covered by ledger-check.int.test.ts.

let nextId = 1;
function row(
  entryKey: string,
  tradeId: string,
  account: string,
  unit: string,
  amountMinor: number,
  event = 'settlement',
): LedgerEntryRow {
  const id = nextId++;
  return {
    id,
    entry_key: entryKey,
    trade_id: tradeId,
    event,
    account,
    unit,
    amount_minor: amountMinor,
    posting_no: id,
    created_at: new Date('2026-12-01T10:00:00Z'),
  };
}

/** A paid trade's settlement and its material handover: two entries, five postings, one trade. */
function balancedTrade(tradeId: string): LedgerEntryRow[] {
  return [
    row(`settlement:${tradeId}`, tradeId, 'stripe_clearing', 'EUR', -1200),
    row(`settlement:${tradeId}`, tradeId, 'platform_fee', 'EUR', 200),
    row(`settlement:${tradeId}`, tradeId, 'seller_payable', 'EUR', 1000),
    row(`handover:${tradeId}`, tradeId, 'site:seller', 'kg', -5500, 'material_handover'),
    row(`handover:${tradeId}`, tradeId, 'site:buyer', 'kg', 5500, 'material_handover'),
  ];
}

describe('checkLedgerRows', () => {
  it('groups rows into entries by key and trades by id, and passes a balanced journal', () => {
    const check = checkLedgerRows([...balancedTrade('t1'), ...balancedTrade('t2')]);
    expect(check).toMatchObject({
      balanced: true,
      entries: 4,
      postings: 10,
      trades: 2,
      unbalancedTrades: [],
    });
    expect(check.journal.balanced).toBe(true);
    expect(check.journal.imbalances).toEqual([]);
    expect(check.journal.invalid).toEqual([]);
    // Every posting counted once, in its unit.
    expect(check.journal.totals).toEqual(
      expect.arrayContaining([
        { unit: 'EUR', inflows: 2400, outflows: 2400 },
        { unit: 'kg', inflows: 11000, outflows: 11000 },
      ]),
    );
    expect(check.journal.balances).toContainEqual({
      account: 'seller_payable',
      unit: 'EUR',
      amountMinor: 2000,
    });
  });

  it('passes an empty journal (nothing traded yet)', () => {
    expect(checkLedgerRows([])).toMatchObject({
      balanced: true,
      entries: 0,
      postings: 0,
      trades: 0,
      unbalancedTrades: [],
    });
  });

  it('reports an unbalanced entry and its trade, with the merged trade report, and leaves the other trade out', () => {
    const rows = [...balancedTrade('t1'), ...balancedTrade('t2'), row('planted', 't2', 'buyer', 'EUR', -500)];
    const check = checkLedgerRows(rows);
    expect(check.balanced).toBe(false);
    expect(check.entries).toBe(5);
    expect(check.postings).toBe(11);
    expect(check.trades).toBe(2);
    expect(check.journal.imbalances).toEqual([{ index: 4, key: 'planted', unit: 'EUR', sum: -500 }]);
    expect(check.unbalancedTrades).toHaveLength(1);
    const [t] = check.unbalancedTrades;
    expect(t!.tradeId).toBe('t2');
    expect(t!.report.balanced).toBe(false);
    // The trade's postings merged into one entry keyed by the trade.
    expect(t!.report.imbalances).toEqual([{ index: 0, key: 'trade:t2', unit: 'EUR', sum: -500 }]);
    expect(t!.report.totals).toEqual(
      expect.arrayContaining([
        { unit: 'EUR', inflows: 1200, outflows: 1700 },
        { unit: 'kg', inflows: 5500, outflows: 5500 },
      ]),
    );
  });

  it('reports a trade split across two keys: each entry is unbalanced although the trade sums to zero', () => {
    const rows = [
      ...balancedTrade('t1'),
      row('half-a', 't1', 'buyer', 'EUR', -700),
      row('half-b', 't1', 'stripe_clearing', 'EUR', 700),
    ];
    const check = checkLedgerRows(rows);
    expect(check.journal.imbalances.map((i) => [i.key, i.sum])).toEqual([
      ['half-a', -700],
      ['half-b', 700],
    ]);
    // The trade as a whole balances, the journal does not: the check fails.
    expect(check.unbalancedTrades).toEqual([]);
    expect(check.balanced).toBe(false);
  });

  it('reports money counted in kg as an invalid entry and an unbalanced trade', () => {
    const rows = [
      ...balancedTrade('t1'),
      row('kg-on-money', 't1', 'buyer', 'kg', -1000),
      row('kg-on-money', 't1', 'site:t1', 'kg', 1000),
    ];
    const check = checkLedgerRows(rows);
    expect(check.entries).toBe(3);
    expect(check.journal.imbalances).toEqual([]);
    expect(check.journal.invalid).toEqual([
      { index: 2, key: 'kg-on-money', reason: 'account_unit_mismatch' },
    ]);
    expect(check.unbalancedTrades.map((t) => [t.tradeId, t.report.invalid])).toEqual([
      ['t1', [{ index: 0, key: 'trade:t1', reason: 'account_unit_mismatch' }]],
    ]);
    expect(check.balanced).toBe(false);
  });

  it('keeps every posting of an entry whose rows are not adjacent', () => {
    // Rows come back in id order; two entries of one trade may interleave.
    const rows = [
      row('a', 't1', 'stripe_clearing', 'EUR', -300),
      row('b', 't1', 'site:s', 'kg', -100),
      row('a', 't1', 'seller_payable', 'EUR', 300),
      row('b', 't1', 'site:b', 'kg', 100),
    ];
    const check = checkLedgerRows(rows);
    expect(check).toMatchObject({ balanced: true, entries: 2, postings: 4, trades: 1, unbalancedTrades: [] });
  });
});
