import type { Money } from '../money/money.ts';
import { DomainError } from '../shared/errors.ts';

/**
 * Money flows buyer → stripe_clearing at capture; out of stripe_clearing to refunds, or at
 * settlement to platform_fee and seller_payable; seller_payable → seller_paid_out at transfer.
 * Once a trade is over its stripe_clearing and seller_payable are back to zero.
 */
export const MONEY_ACCOUNTS = [
  'buyer',
  'stripe_clearing',
  'platform_fee',
  'seller_payable',
  'seller_paid_out',
  'refunds',
] as const;
export type MoneyAccount = (typeof MONEY_ACCOUNTS)[number];

/** Material held by a site, or by a person who collects without a site (a designer). */
export type MaterialAccount = `site:${string}` | `person:${string}`;
export type LedgerAccount = MoneyAccount | MaterialAccount;

export type LedgerUnit = 'EUR' | 'kg';
/** Postings count integer minor units so sums are exact: cents for EUR, grams for kg. */
export const MINOR_UNITS: Readonly<Record<LedgerUnit, number>> = Object.freeze({ EUR: 100, kg: 1000 });

/** `amountMinor > 0` flows into the account, `< 0` out of it. */
export type Posting =
  | { account: MoneyAccount; unit: 'EUR'; amountMinor: number }
  | { account: MaterialAccount; unit: 'kg'; amountMinor: number };

export type LedgerEvent =
  | 'payment_captured'
  | 'refund'
  | 'settlement'
  | 'transfer_to_seller'
  | 'material_handover';

export interface JournalEntry {
  /** Idempotency key built from our ids; the journal stores each key once. */
  key: string;
  tradeId: string;
  event: LedgerEvent;
  postings: readonly Posting[];
}

export type MaterialHolder = { siteId: string } | { personId: string };

export function materialAccount(holder: MaterialHolder): MaterialAccount {
  return 'siteId' in holder ? `site:${holder.siteId}` : `person:${holder.personId}`;
}

const isMoneyAccount = (account: string): account is MoneyAccount =>
  (MONEY_ACCOUNTS as readonly string[]).includes(account);
const isMaterialAccount = (account: string): account is MaterialAccount => /^(site|person):.+$/.test(account);

function requireId(id: string, path: string): void {
  if (typeof id !== 'string' || id.trim() === '') {
    throw new DomainError('VALIDATION', 'ledger.missingId', { fields: [{ path, key: 'ledger.missingId' }] });
  }
}

function requirePositive(amountMinor: number, path: string): void {
  if (!Number.isSafeInteger(amountMinor) || amountMinor <= 0) {
    throw new DomainError('VALIDATION', 'ledger.amountNotPositive', {
      fields: [{ path, key: 'ledger.amountNotPositive' }],
      amountMinor: String(amountMinor),
    });
  }
}

function eur(account: MoneyAccount, amountMinor: number): Posting {
  return { account, unit: 'EUR', amountMinor };
}

function entry(event: LedgerEvent, tradeId: string, key: string, postings: Posting[]): JournalEntry {
  requireId(tradeId, 'tradeId');
  const made: JournalEntry = { key, tradeId, event, postings: postings.filter((p) => p.amountMinor !== 0) };
  // Builders below balance by construction; this catches a future edit that does not.
  if (!checkBalanced([made]).balanced) throw new Error(`Unbalanced ${event} entry for ${tradeId}`);
  return made;
}

/** The buyer's payment reached the platform's Stripe balance. */
export function paymentCapturedEntry(tradeId: string, amount: Money): JournalEntry {
  requirePositive(amount.cents, 'amount');
  return entry('payment_captured', tradeId, `payment_captured:${tradeId}`, [
    eur('buyer', -amount.cents),
    eur('stripe_clearing', amount.cents),
  ]);
}

/** Money back to the buyer; `refundId` tells apart several refunds of one trade. */
export function refundEntry(tradeId: string, refundId: string, amount: Money): JournalEntry {
  requireId(refundId, 'refundId');
  requirePositive(amount.cents, 'amount');
  return entry('refund', tradeId, `refund:${tradeId}:${refundId}`, [
    eur('stripe_clearing', -amount.cents),
    eur('refunds', amount.cents),
  ]);
}

/** On completion or release: what the trade retains becomes platform revenue and a debt to the seller. */
export function settlementEntry(
  tradeId: string,
  split: { platformFee: Money; sellerPayout: Money },
): JournalEntry {
  requirePositive(split.platformFee.cents + split.sellerPayout.cents, 'amount');
  return entry('settlement', tradeId, `settlement:${tradeId}`, [
    eur('stripe_clearing', -(split.platformFee.cents + split.sellerPayout.cents)),
    eur('platform_fee', split.platformFee.cents),
    eur('seller_payable', split.sellerPayout.cents),
  ]);
}

/** The Stripe transfer to the seller's connected account was made. */
export function transferToSellerEntry(tradeId: string, amount: Money): JournalEntry {
  requirePositive(amount.cents, 'amount');
  return entry('transfer_to_seller', tradeId, `transfer_to_seller:${tradeId}`, [
    eur('seller_payable', -amount.cents),
    eur('seller_paid_out', amount.cents),
  ]);
}

/** `grams` of material measured at handover leave the seller's site for the buyer. */
export function materialHandoverEntry(
  tradeId: string,
  move: { from: MaterialHolder; to: MaterialHolder; grams: number },
): JournalEntry {
  requirePositive(move.grams, 'grams');
  const from = materialAccount(move.from);
  const to = materialAccount(move.to);
  if (from === to) {
    throw new DomainError('VALIDATION', 'ledger.sameHolder', {
      fields: [{ path: 'to', key: 'ledger.sameHolder' }],
    });
  }
  return entry('material_handover', tradeId, `material_handover:${tradeId}`, [
    { account: from, unit: 'kg', amountMinor: -move.grams },
    { account: to, unit: 'kg', amountMinor: move.grams },
  ]);
}

export interface UnitTotal {
  unit: LedgerUnit;
  /** Sum of the positive postings (into accounts). */
  inflows: number;
  /** Sum of the negative postings, as a positive number. */
  outflows: number;
}

export interface AccountBalance {
  account: LedgerAccount;
  unit: LedgerUnit;
  amountMinor: number;
}

export interface Imbalance {
  index: number;
  key: string;
  unit: LedgerUnit;
  /** What the entry's postings in this unit sum to instead of 0. */
  sum: number;
}

export interface InvalidEntry {
  index: number;
  key: string;
  reason: 'empty' | 'non_integer_amount' | 'unknown_unit' | 'account_unit_mismatch';
}

export interface BalanceReport {
  balanced: boolean;
  totals: UnitTotal[];
  balances: AccountBalance[];
  imbalances: Imbalance[];
  invalid: InvalidEntry[];
}

function accountFitsUnit(account: string, unit: LedgerUnit): boolean {
  switch (unit) {
    case 'EUR':
      return isMoneyAccount(account);
    case 'kg':
      return isMaterialAccount(account);
    default: {
      const unknownUnit: never = unit;
      throw new Error(`Unknown unit: ${String(unknownUnit)}`);
    }
  }
}

/**
 * Verifies a journal (as read back from storage, so nothing is trusted): every entry sums to
 * zero per unit, amounts are integers, EUR sits only on money accounts and kg only on material
 * accounts. Returns the totals and per-account balances for the report either way.
 */
export function checkBalanced(entries: readonly JournalEntry[]): BalanceReport {
  const totals = new Map<LedgerUnit, UnitTotal>();
  const balances = new Map<string, AccountBalance>();
  const imbalances: Imbalance[] = [];
  const invalid: InvalidEntry[] = [];

  entries.forEach((e, index) => {
    if (e.postings.length === 0) invalid.push({ index, key: e.key, reason: 'empty' });
    const sums = new Map<LedgerUnit, number>();
    let problem: InvalidEntry['reason'] | null = null;
    for (const p of e.postings) {
      const unit = p.unit as LedgerUnit;
      if (unit !== 'EUR' && unit !== 'kg') {
        problem = 'unknown_unit';
        continue;
      }
      if (!Number.isSafeInteger(p.amountMinor)) problem = 'non_integer_amount';
      else if (!accountFitsUnit(p.account, unit)) problem = 'account_unit_mismatch';
      sums.set(unit, (sums.get(unit) ?? 0) + p.amountMinor);
      const total = totals.get(unit) ?? { unit, inflows: 0, outflows: 0 };
      if (p.amountMinor > 0) total.inflows += p.amountMinor;
      else total.outflows -= p.amountMinor;
      totals.set(unit, total);
      const balanceKey = `${unit} ${p.account}`;
      const balance = balances.get(balanceKey) ?? { account: p.account, unit, amountMinor: 0 };
      balance.amountMinor += p.amountMinor;
      balances.set(balanceKey, balance);
    }
    if (problem) invalid.push({ index, key: e.key, reason: problem });
    for (const [unit, sum] of sums) {
      if (sum !== 0) imbalances.push({ index, key: e.key, unit, sum });
    }
  });

  const byUnitThenAccount = (a: AccountBalance, b: AccountBalance) =>
    a.unit === b.unit
      ? a.account < b.account
        ? -1
        : a.account > b.account
          ? 1
          : 0
      : a.unit < b.unit
        ? -1
        : 1;
  return {
    balanced: imbalances.length === 0 && invalid.length === 0,
    totals: [...totals.values()].sort((a, b) => (a.unit < b.unit ? -1 : 1)),
    balances: [...balances.values()].sort(byUnitThenAccount),
    imbalances,
    invalid,
  };
}
