import { describe, expect, it } from 'vitest';
import { type Money, money, ZERO_EUR } from '../money/money.ts';
import {
  type PriceBreakdown,
  priceTrade,
  repriceForMeasuredWeight,
  splitAfterRefund,
} from '../money/pricing.ts';
import { isDomainError } from '../shared/errors.ts';
import {
  checkBalanced,
  type JournalEntry,
  materialAccount,
  materialHandoverEntry,
  paymentCapturedEntry,
  refundEntry,
  settlementEntry,
  transferToSellerEntry,
} from './ledger.ts';
import { applyTransition, availableTransitions, type TradeSnapshot } from './trade-machine.ts';
import { isTerminalState, TRADE_ACTORS, type TradeParty } from './trade-states.ts';
import { DEFAULT_TRADE_TIMINGS } from './trade-timings.ts';
import { gramsToKg } from './weight.ts';

function errorKey(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return isDomainError(e) ? `${e.code} ${e.key}` : `not a DomainError: ${String(e)}`;
  }
  return undefined;
}

describe('journal entries', () => {
  it.each<[string, JournalEntry, JournalEntry['postings']]>([
    [
      'payment captured',
      paymentCapturedEntry('t1', money(3750)),
      [
        { account: 'buyer', unit: 'EUR', amountMinor: -3750 },
        { account: 'stripe_clearing', unit: 'EUR', amountMinor: 3750 },
      ],
    ],
    [
      'refund',
      refundEntry('t1', 're_1', money(390)),
      [
        { account: 'stripe_clearing', unit: 'EUR', amountMinor: -390 },
        { account: 'refunds', unit: 'EUR', amountMinor: 390 },
      ],
    ],
    [
      'settlement',
      settlementEntry('t1', { platformFee: money(224), sellerPayout: money(3136) }),
      [
        { account: 'stripe_clearing', unit: 'EUR', amountMinor: -3360 },
        { account: 'platform_fee', unit: 'EUR', amountMinor: 224 },
        { account: 'seller_payable', unit: 'EUR', amountMinor: 3136 },
      ],
    ],
    [
      'settlement without a fee',
      settlementEntry('t1', { platformFee: ZERO_EUR, sellerPayout: money(500) }),
      [
        { account: 'stripe_clearing', unit: 'EUR', amountMinor: -500 },
        { account: 'seller_payable', unit: 'EUR', amountMinor: 500 },
      ],
    ],
    [
      'transfer to seller',
      transferToSellerEntry('t1', money(3136)),
      [
        { account: 'seller_payable', unit: 'EUR', amountMinor: -3136 },
        { account: 'seller_paid_out', unit: 'EUR', amountMinor: 3136 },
      ],
    ],
    [
      'handover of 11.2 kg from site A to a designer',
      materialHandoverEntry('t1', { from: { siteId: 'A' }, to: { personId: 'u9' }, grams: 11200 }),
      [
        { account: 'site:A', unit: 'kg', amountMinor: -11200 },
        { account: 'person:u9', unit: 'kg', amountMinor: 11200 },
      ],
    ],
  ])('%s', (_label, entry, postings) => {
    expect(entry.postings).toEqual(postings);
    expect(entry.tradeId).toBe('t1');
    expect(checkBalanced([entry]).balanced).toBe(true);
  });

  it('keys entries by our ids so that a replay is recognised', () => {
    expect(paymentCapturedEntry('t1', money(1)).key).toBe('payment_captured:t1');
    expect(refundEntry('t1', 're_1', money(1)).key).toBe('refund:t1:re_1');
    expect(settlementEntry('t1', { platformFee: money(1), sellerPayout: money(1) }).key).toBe(
      'settlement:t1',
    );
    expect(transferToSellerEntry('t1', money(1)).key).toBe('transfer_to_seller:t1');
    expect(materialHandoverEntry('t1', { from: { siteId: 'A' }, to: { siteId: 'B' }, grams: 1 }).key).toBe(
      'material_handover:t1',
    );
  });

  it.each<[string, () => unknown, string]>([
    ['a zero payment', () => paymentCapturedEntry('t1', ZERO_EUR), 'VALIDATION ledger.amountNotPositive'],
    ['a zero refund', () => refundEntry('t1', 're_1', ZERO_EUR), 'VALIDATION ledger.amountNotPositive'],
    [
      'an empty settlement',
      () => settlementEntry('t1', { platformFee: ZERO_EUR, sellerPayout: ZERO_EUR }),
      'VALIDATION ledger.amountNotPositive',
    ],
    ['a refund without id', () => refundEntry('t1', ' ', money(5)), 'VALIDATION ledger.missingId'],
    ['a trade without id', () => transferToSellerEntry('', money(5)), 'VALIDATION ledger.missingId'],
    [
      'a negative weight',
      () => materialHandoverEntry('t1', { from: { siteId: 'A' }, to: { siteId: 'B' }, grams: -5 }),
      'VALIDATION ledger.amountNotPositive',
    ],
    [
      'a fractional weight',
      () => materialHandoverEntry('t1', { from: { siteId: 'A' }, to: { siteId: 'B' }, grams: 2.5 }),
      'VALIDATION ledger.amountNotPositive',
    ],
    [
      'a handover to oneself',
      () => materialHandoverEntry('t1', { from: { siteId: 'A' }, to: { siteId: 'A' }, grams: 5 }),
      'VALIDATION ledger.sameHolder',
    ],
  ])('rejects %s', (_label, fn, expected) => {
    expect(errorKey(fn)).toBe(expected);
  });

  it('names material accounts by holder', () => {
    expect(materialAccount({ siteId: 's1' })).toBe('site:s1');
    expect(materialAccount({ personId: 'u1' })).toBe('person:u1');
  });
});

describe('checkBalanced', () => {
  const journal = [
    paymentCapturedEntry('t1', money(3750)),
    refundEntry('t1', 'weight', money(390)),
    settlementEntry('t1', { platformFee: money(224), sellerPayout: money(3136) }),
    transferToSellerEntry('t1', money(3136)),
    materialHandoverEntry('t1', { from: { siteId: 'A' }, to: { siteId: 'B' }, grams: 11200 }),
  ];

  it('reports totals and balances of a balanced journal', () => {
    const report = checkBalanced(journal);
    expect(report.balanced).toBe(true);
    expect(report.totals).toEqual([
      { unit: 'EUR', inflows: 3750 + 390 + 3360 + 3136, outflows: 3750 + 390 + 3360 + 3136 },
      { unit: 'kg', inflows: 11200, outflows: 11200 },
    ]);
    expect(report.balances).toEqual([
      { account: 'buyer', unit: 'EUR', amountMinor: -3750 },
      { account: 'platform_fee', unit: 'EUR', amountMinor: 224 },
      { account: 'refunds', unit: 'EUR', amountMinor: 390 },
      { account: 'seller_paid_out', unit: 'EUR', amountMinor: 3136 },
      { account: 'seller_payable', unit: 'EUR', amountMinor: 0 },
      { account: 'stripe_clearing', unit: 'EUR', amountMinor: 0 },
      { account: 'site:A', unit: 'kg', amountMinor: -11200 },
      { account: 'site:B', unit: 'kg', amountMinor: 11200 },
    ]);
  });

  it('is balanced when empty', () => {
    expect(checkBalanced([])).toEqual({
      balanced: true,
      totals: [],
      balances: [],
      imbalances: [],
      invalid: [],
    });
  });

  it('finds an entry that does not sum to zero, per unit', () => {
    const tampered = {
      key: 'x',
      tradeId: 't2',
      event: 'material_handover',
      postings: [
        { account: 'site:A', unit: 'kg', amountMinor: -1000 },
        { account: 'site:B', unit: 'kg', amountMinor: 999 },
        { account: 'buyer', unit: 'EUR', amountMinor: -5 },
        { account: 'stripe_clearing', unit: 'EUR', amountMinor: 5 },
      ],
    } satisfies JournalEntry;
    const report = checkBalanced([...journal, tampered]);
    expect(report.balanced).toBe(false);
    expect(report.imbalances).toEqual([{ index: 5, key: 'x', unit: 'kg', sum: -1 }]);
  });

  it('does not net kilograms against euros', () => {
    const mixed = {
      key: 'mixed',
      tradeId: 't3',
      event: 'settlement',
      postings: [
        { account: 'stripe_clearing', unit: 'EUR', amountMinor: -100 },
        { account: 'site:A', unit: 'kg', amountMinor: 100 },
      ],
    } satisfies JournalEntry;
    expect(checkBalanced([mixed]).imbalances).toEqual([
      { index: 0, key: 'mixed', unit: 'EUR', sum: -100 },
      { index: 0, key: 'mixed', unit: 'kg', sum: 100 },
    ]);
  });

  it.each<[string, JournalEntry['postings'], string]>([
    ['an empty entry', [], 'empty'],
    [
      'fractional cents',
      [
        { account: 'buyer', unit: 'EUR', amountMinor: -0.5 },
        { account: 'stripe_clearing', unit: 'EUR', amountMinor: 0.5 },
      ],
      'non_integer_amount',
    ],
    [
      'euros on a site',
      [
        { account: 'site:A' as never, unit: 'EUR', amountMinor: -5 },
        { account: 'stripe_clearing', unit: 'EUR', amountMinor: 5 },
      ],
      'account_unit_mismatch',
    ],
    [
      'an unknown unit',
      [
        { account: 'buyer', unit: 'USD' as never, amountMinor: -5 },
        { account: 'stripe_clearing', unit: 'USD' as never, amountMinor: 5 },
      ],
      'unknown_unit',
    ],
  ])('flags %s as invalid', (_label, postings, reason) => {
    const report = checkBalanced([{ key: 'bad', tradeId: 't4', event: 'refund', postings }]);
    expect(report.balanced).toBe(false);
    expect(report.invalid).toEqual([{ index: 0, key: 'bad', reason }]);
  });
});

/**
 * Random trades walked through the state machine, their effects carried out the way the services
 * will: the journal must balance after every step, and once a trade is over its clearing and
 * payable accounts must be empty and every captured cent accounted for.
 */
describe('random trades through the machine and the ledger', () => {
  function prng(seed: number) {
    let a = seed;
    return () => {
      a = (a + 0x6d2b79f5) | 0;
      let t = Math.imul(a ^ (a >>> 15), 1 | a);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
    };
  }

  interface Sim {
    id: string;
    breakdown: PriceBreakdown;
    snapshot: TradeSnapshot;
    captured: Money;
    refunded: Money;
    weightFinal: PriceBreakdown | null;
    payout: Money;
  }

  it.each([1, 2, 3, 4, 5])('seed %d', (seed) => {
    const random = prng(seed);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
    const journal: JournalEntry[] = [];
    const finished: Sim[] = [];
    const now = new Date('2026-03-02T09:00:00Z');

    for (let n = 0; n < 300; n += 1) {
      const breakdown = priceTrade({
        unitPriceCents: pick([0, 0, 1, 35, 250, 1999, 12_345]),
        quantity: pick(['0.4', '1', '2.5', '12.5', '40', '0.125']),
        platformFeeBps: pick([0, 250, 800, 1000]),
        sellerVatRateBps: pick([null, 550, 1000, 2000]),
      });
      const sim: Sim = {
        id: `t${seed}-${n}`,
        breakdown,
        snapshot: { state: 'initial', isPaid: !breakdown.isFree, pickupProposedBy: null },
        captured: ZERO_EUR,
        refunded: ZERO_EUR,
        weightFinal: null,
        payout: ZERO_EUR,
      };
      const post = (e: JournalEntry) => {
        journal.push(e);
        expect(checkBalanced([e]).balanced).toBe(true);
      };
      const refund = (amount: Money, ref: string) => {
        if (amount.cents === 0) return;
        post(refundEntry(sim.id, ref, amount));
        sim.refunded = money(sim.refunded.cents + amount.cents);
      };
      const retained = () => money(sim.captured.cents - sim.refunded.cents);

      for (let step = 0; step < 60 && !isTerminalState(sim.snapshot.state); step += 1) {
        const options = TRADE_ACTORS.flatMap((actor) =>
          availableTransitions(
            sim.snapshot.state,
            actor,
            sim.snapshot.isPaid,
            sim.snapshot.pickupProposedBy,
          ).map((name) => ({ actor, name })),
        );
        // Walks mostly forwards so that most trades get past payment and handover.
        const early = ['decline', 'withdraw_request', 'expire_request', 'expire_payment', 'cancel'];
        const weighted = options.flatMap((o) => Array<typeof o>(early.includes(o.name) ? 1 : 8).fill(o));
        const { actor, name } = pick(weighted);
        const params = {
          slot: { start: new Date(now.getTime() + 86_400_000), end: new Date(now.getTime() + 90_000_000) },
          measuredKg: pick(['0.4', '2.3', '12.5', '13', '40', '0.125', '0.001']),
          reason: 'Pas conforme',
          resolution:
            sim.snapshot.isPaid && sim.captured.cents > 1
              ? pick([
                  { kind: 'refund_full' },
                  { kind: 'release' },
                  {
                    kind: 'refund_partial',
                    refundCents: 1 + Math.floor(random() * (sim.captured.cents - 1)),
                  },
                ] as const)
              : pick([{ kind: 'refund_full' }, { kind: 'release' }] as const),
        };
        const result = applyTransition(sim.snapshot, name, actor, now, {
          timings: DEFAULT_TRADE_TIMINGS,
          params,
        } as never);

        for (const effect of result.effects) {
          switch (effect.type) {
            case 'ledger_payment_captured':
              sim.captured = breakdown.total;
              post(paymentCapturedEntry(sim.id, breakdown.total));
              break;
            case 'ledger_material_handover':
              post(
                materialHandoverEntry(sim.id, {
                  from: { siteId: 'A' },
                  to: { personId: 'designer' },
                  grams: effect.grams,
                }),
              );
              sim.weightFinal = repriceForMeasuredWeight(breakdown, gramsToKg(effect.grams)).final;
              break;
            case 'refund_payment':
              refund(retained(), 'full');
              break;
            case 'refund_weight_difference':
              refund(money(breakdown.total.cents - (sim.weightFinal ?? breakdown).total.cents), 'weight');
              break;
            case 'refund_partial':
              refund(money(effect.refundCents), 'partial');
              break;
            case 'ledger_settlement': {
              const split =
                sim.refunded.cents === 0 || sim.weightFinal?.total.cents === retained().cents
                  ? (sim.weightFinal ?? breakdown)
                  : splitAfterRefund(breakdown, ZERO_EUR, sim.refunded);
              expect(split.platformFee.cents + split.sellerPayout.cents).toBe(retained().cents);
              if (retained().cents > 0) post(settlementEntry(sim.id, split));
              sim.payout = split.sellerPayout;
              break;
            }
            case 'transfer_to_seller':
              if (sim.payout.cents > 0) post(transferToSellerEntry(sim.id, sim.payout));
              break;
            default:
              break;
          }
        }
        const proposal = result.effects.find((e) => e.type === 'record_pickup_proposal');
        sim.snapshot = {
          ...sim.snapshot,
          state: result.state,
          pickupProposedBy:
            proposal?.type === 'record_pickup_proposal'
              ? proposal.proposedBy
              : (sim.snapshot.pickupProposedBy as TradeParty | null),
        };
      }
      if (isTerminalState(sim.snapshot.state)) finished.push(sim);
    }

    const report = checkBalanced(journal);
    expect(report.balanced).toBe(true);
    expect(finished.length).toBeGreaterThan(250);
    expect(new Set(finished.map((s) => s.snapshot.state))).toEqual(
      new Set(['declined', 'completed', 'cancelled', 'expired', 'resolved']),
    );
    const events = new Set(journal.map((e) => e.event));
    expect(events).toEqual(
      new Set(['payment_captured', 'refund', 'settlement', 'transfer_to_seller', 'material_handover']),
    );
    for (const sim of finished) {
      const own = checkBalanced(journal.filter((e) => e.tradeId === sim.id));
      const balance = (account: string) =>
        own.balances.find((b) => b.account === account && b.unit === 'EUR')?.amountMinor ?? 0;
      expect(balance('stripe_clearing'), sim.id).toBe(0);
      expect(balance('seller_payable'), sim.id).toBe(0);
      expect(
        balance('buyer') + balance('refunds') + balance('platform_fee') + balance('seller_paid_out'),
      ).toBe(0);
      expect(sim.refunded.cents).toBeLessThanOrEqual(sim.captured.cents);
      if (!sim.snapshot.isPaid) expect(own.balances.filter((b) => b.unit === 'EUR')).toEqual([]);
    }
  });
});

describe('ledger errors name the field', () => {
  function details(fn: () => unknown): unknown {
    try {
      fn();
    } catch (e) {
      if (isDomainError(e)) return { key: e.key, ...e.details };
      throw e;
    }
    throw new Error('did not throw');
  }
  const site = (siteId: string) => ({ siteId });

  it.each<[string, () => unknown, unknown]>([
    [
      'a blank trade id',
      () => paymentCapturedEntry(' ', money(1)),
      { key: 'ledger.missingId', fields: [{ path: 'tradeId', key: 'ledger.missingId' }] },
    ],
    [
      'a missing trade id',
      () => transferToSellerEntry(undefined as unknown as string, money(1)),
      { key: 'ledger.missingId', fields: [{ path: 'tradeId', key: 'ledger.missingId' }] },
    ],
    [
      'a blank refund id',
      () => refundEntry('t1', '', money(1)),
      { key: 'ledger.missingId', fields: [{ path: 'refundId', key: 'ledger.missingId' }] },
    ],
    [
      'a zero payment',
      () => paymentCapturedEntry('t1', ZERO_EUR),
      {
        key: 'ledger.amountNotPositive',
        fields: [{ path: 'amount', key: 'ledger.amountNotPositive' }],
        amountMinor: '0',
      },
    ],
    [
      'a zero refund',
      () => refundEntry('t1', 'r1', ZERO_EUR),
      {
        key: 'ledger.amountNotPositive',
        fields: [{ path: 'amount', key: 'ledger.amountNotPositive' }],
        amountMinor: '0',
      },
    ],
    [
      'an empty settlement',
      () => settlementEntry('t1', { platformFee: ZERO_EUR, sellerPayout: ZERO_EUR }),
      {
        key: 'ledger.amountNotPositive',
        fields: [{ path: 'amount', key: 'ledger.amountNotPositive' }],
        amountMinor: '0',
      },
    ],
    [
      'a zero transfer',
      () => transferToSellerEntry('t1', ZERO_EUR),
      {
        key: 'ledger.amountNotPositive',
        fields: [{ path: 'amount', key: 'ledger.amountNotPositive' }],
        amountMinor: '0',
      },
    ],
    [
      'a fractional weight',
      () => materialHandoverEntry('t1', { from: site('a'), to: site('b'), grams: 1.5 }),
      {
        key: 'ledger.amountNotPositive',
        fields: [{ path: 'grams', key: 'ledger.amountNotPositive' }],
        amountMinor: '1.5',
      },
    ],
    [
      'a handover to the same holder',
      () => materialHandoverEntry('t1', { from: site('a'), to: site('a'), grams: 10 }),
      { key: 'ledger.sameHolder', fields: [{ path: 'to', key: 'ledger.sameHolder' }] },
    ],
  ])('%s', (_name, fn, expected) => {
    expect(details(fn)).toEqual(expected);
  });

  it('drops zero postings: a settlement without fee has two postings', () => {
    expect(settlementEntry('t1', { platformFee: ZERO_EUR, sellerPayout: money(500) }).postings).toEqual([
      { account: 'stripe_clearing', unit: 'EUR', amountMinor: -500 },
      { account: 'seller_payable', unit: 'EUR', amountMinor: 500 },
    ]);
  });
});

describe('checkBalanced: account names and report order', () => {
  const kg = (account: string, amountMinor: number) => ({ account, unit: 'kg', amountMinor }) as never;
  const eurP = (account: string, amountMinor: number) => ({ account, unit: 'EUR', amountMinor }) as never;

  it.each([
    ['site:a', true],
    ['person:p1', true],
    ['xsite:a', false],
    ['site:', false],
    ['site:a\n', false],
    ['buyer', false],
  ])('material account %j is valid: %s', (account, valid) => {
    const report = checkBalanced([
      { key: 'k', tradeId: 't', event: 'material_handover', postings: [kg(account, -5), kg('site:b', 5)] },
    ]);
    expect(report.invalid).toEqual(valid ? [] : [{ index: 0, key: 'k', reason: 'account_unit_mismatch' }]);
  });

  it('sorts totals by unit and balances by unit then account, whatever the journal order', () => {
    const report = checkBalanced([
      {
        key: 'h',
        tradeId: 't',
        event: 'material_handover',
        postings: [kg('site:z', -7), kg('person:m', 4), kg('site:b', 3)],
      },
      {
        key: 'p',
        tradeId: 't',
        event: 'payment_captured',
        postings: [eurP('stripe_clearing', 9), eurP('buyer', -9)],
      },
      {
        key: 's',
        tradeId: 't',
        event: 'settlement',
        postings: [eurP('stripe_clearing', -9), eurP('seller_payable', 8), eurP('platform_fee', 1)],
      },
    ]);
    expect(report.totals.map((t) => t.unit)).toEqual(['EUR', 'kg']);
    expect(report.balances.map((b) => `${b.unit} ${b.account}`)).toEqual([
      'EUR buyer',
      'EUR platform_fee',
      'EUR seller_payable',
      'EUR stripe_clearing',
      'kg person:m',
      'kg site:b',
      'kg site:z',
    ]);
  });

  it('sorts totals by unit when EUR comes second', () => {
    const report = checkBalanced([
      { key: 'h', tradeId: 't', event: 'material_handover', postings: [kg('site:a', -1), kg('site:b', 1)] },
      {
        key: 'p',
        tradeId: 't',
        event: 'payment_captured',
        postings: [eurP('buyer', -2), eurP('stripe_clearing', 2)],
      },
    ]);
    expect(report.totals).toEqual([
      { unit: 'EUR', inflows: 2, outflows: 2 },
      { unit: 'kg', inflows: 1, outflows: 1 },
    ]);
    expect(report.balances.map((b) => b.unit)).toEqual(['EUR', 'EUR', 'kg', 'kg']);
  });
});
