import { type DatabaseHandle, type LedgerEntryRow, ledgerRepository } from '@retaille/db';
import { type BalanceReport, checkBalanced, type JournalEntry, type Posting } from '@retaille/domain';

export interface LedgerCheck {
  /** The whole journal, per unit (EUR in cents, kg in grams). */
  journal: BalanceReport;
  entries: number;
  postings: number;
  trades: number;
  /** Trades whose entries do not sum to zero per unit. */
  unbalancedTrades: { tradeId: string; report: BalanceReport }[];
  balanced: boolean;
}

function toEntries(rows: readonly LedgerEntryRow[]): JournalEntry[] {
  const byKey = new Map<string, JournalEntry & { postings: Posting[] }>();
  for (const r of rows) {
    let e = byKey.get(r.entry_key);
    if (!e) {
      e = { key: r.entry_key, tradeId: r.trade_id, event: r.event as JournalEntry['event'], postings: [] };
      byKey.set(r.entry_key, e);
    }
    e.postings.push({ account: r.account, unit: r.unit, amountMinor: r.amount_minor } as Posting);
  }
  return [...byKey.values()];
}

/**
 * Verifies journal rows (as read back, in id order) with the domain's `checkBalanced`, overall
 * and per trade. Pure: `checkLedger` reads the rows, this decides.
 */
export function checkLedgerRows(rows: readonly LedgerEntryRow[]): LedgerCheck {
  const entries = toEntries(rows);
  const journal = checkBalanced(entries);
  const byTrade = new Map<string, JournalEntry[]>();
  for (const e of entries) byTrade.set(e.tradeId, [...(byTrade.get(e.tradeId) ?? []), e]);
  const unbalancedTrades: LedgerCheck['unbalancedTrades'] = [];
  for (const [tradeId, list] of byTrade) {
    // Each entry balancing makes the trade balance; merging them catches a posting split across keys.
    const merged: JournalEntry = {
      key: `trade:${tradeId}`,
      tradeId,
      event: 'settlement',
      postings: list.flatMap((e) => e.postings),
    };
    const report = checkBalanced([merged]);
    if (!report.balanced) unbalancedTrades.push({ tradeId, report });
  }
  return {
    journal,
    entries: entries.length,
    postings: rows.length,
    trades: byTrade.size,
    unbalancedTrades,
    balanced: journal.balanced && unbalancedTrades.length === 0,
  };
}

/**
 * Reads the whole journal back, page by page in id order (`pageSize` rows at a time), and
 * verifies it with `checkLedgerRows`.
 */
export async function checkLedger(db: DatabaseHandle['db'], pageSize?: number): Promise<LedgerCheck> {
  const rows: LedgerEntryRow[] = [];
  let after = 0;
  for (;;) {
    const page = await ledgerRepository.listEntriesPage(db, after, pageSize);
    if (page.length === 0) break;
    rows.push(...page);
    after = page[page.length - 1]!.id;
  }
  return checkLedgerRows(rows);
}

/** Human-readable totals for `pnpm ledger:check`. */
export function formatLedgerCheck(check: LedgerCheck): string {
  const lines = [
    `Journal : ${check.entries} écritures, ${check.postings} mouvements, ${check.trades} échanges`,
  ];
  for (const t of check.journal.totals) {
    const scale = t.unit === 'EUR' ? 100 : 1000;
    lines.push(
      `  ${t.unit.padEnd(3)}  entrées ${(t.inflows / scale).toFixed(t.unit === 'EUR' ? 2 : 3)}  sorties ${(t.outflows / scale).toFixed(t.unit === 'EUR' ? 2 : 3)}  solde ${((t.inflows - t.outflows) / scale).toFixed(t.unit === 'EUR' ? 2 : 3)}`,
    );
  }
  lines.push('Soldes par compte :');
  for (const b of check.journal.balances) {
    const scale = b.unit === 'EUR' ? 100 : 1000;
    lines.push(
      `  ${b.unit.padEnd(3)}  ${b.account.padEnd(48)} ${(b.amountMinor / scale).toFixed(b.unit === 'EUR' ? 2 : 3)}`,
    );
  }
  for (const i of check.journal.imbalances) lines.push(`DÉSÉQUILIBRE ${i.key} (${i.unit}) : ${i.sum}`);
  for (const i of check.journal.invalid) lines.push(`ÉCRITURE INVALIDE ${i.key} : ${i.reason}`);
  for (const t of check.unbalancedTrades) lines.push(`ÉCHANGE DÉSÉQUILIBRÉ ${t.tradeId}`);
  lines.push(check.balanced ? 'OK : le journal est équilibré.' : 'ERREUR : le journal est déséquilibré.');
  return lines.join('\n');
}
