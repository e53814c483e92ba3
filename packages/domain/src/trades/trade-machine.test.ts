import { describe, expect, it } from 'vitest';
import { isDomainError } from '../shared/errors.ts';
import type { TradeEffect } from './trade-effects.ts';
import {
  applyTransition,
  availableTransitions,
  type DisputeResolution,
  type DisputeResolutionKind,
  TRANSITION_NAMES,
  TRANSITIONS,
  type TradeSnapshot,
  type TransitionName,
  type TransitionRow,
} from './trade-machine.ts';
import {
  isTerminalState,
  quantityHold,
  TRADE_ACTORS,
  TRADE_STATES,
  type TradeActor,
  type TradeParty,
  type TradeState,
} from './trade-states.ts';
import { DEFAULT_TRADE_TIMINGS, type TradeTimings } from './trade-timings.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = new Date('2026-03-02T09:00:00.000Z');
const timings: TradeTimings = {
  requestExpiryMs: 7 * DAY,
  paymentExpiryMs: 24 * HOUR,
  receiptAutoConfirmMs: 7 * DAY,
  disputeAutoResolveMs: 60 * DAY,
  completionDelayMs: 2 * DAY,
};
const SLOT = { start: new Date('2026-03-05T14:00:00.000Z'), end: new Date('2026-03-05T16:00:00.000Z') };

const resolutionOf = (kind: DisputeResolutionKind): DisputeResolution =>
  kind === 'refund_partial' ? { kind, refundCents: 500 } : { kind };

function paramsFor(name: TransitionName, resolution: DisputeResolutionKind = 'release'): unknown {
  switch (name) {
    case 'propose_pickup':
      return { slot: SLOT };
    case 'hand_over':
      return { measuredKg: '11.2' };
    case 'open_dispute':
      return { reason: 'Il manquait la moitié des chutes.' };
    case 'resolve_dispute':
      return { resolution: resolutionOf(resolution) };
    default:
      return undefined;
  }
}

// The loops below call with names only known at run time, hence the loose signature.
const apply = (
  trade: TradeSnapshot,
  name: TransitionName,
  actor: TradeActor,
  params: unknown = paramsFor(name),
  now: Date = NOW,
) => applyTransition(trade, name, actor, now, { timings, params } as never);

function outcome(fn: () => unknown): string {
  try {
    fn();
    return 'ok';
  } catch (e) {
    return isDomainError(e) ? `${e.code} ${e.key}` : `not a DomainError: ${String(e)}`;
  }
}

const describeRow = (r: TransitionRow) => {
  const tags = [r.payment, r.resolution, r.guard].filter(Boolean);
  const after = r.after ? ` after ${r.after.delayKey}` : '';
  return `${r.name}${tags.length ? `[${tags.join(',')}]` : ''}: ${r.from.join('|')} → ${r.to} by ${r.actor.join('|')}${after} {${r.effects.join(', ')}}`;
};

describe('the transition table', () => {
  it('is exactly this (a change here is a change of the trade process)', () => {
    expect(TRANSITIONS.map(describeRow)).toEqual([
      'request: initial → requested by buyer {}',
      'accept[free]: requested → accepted by seller {reserve_quantity}',
      'accept[paid]: requested → payment_pending by seller {reserve_quantity, create_checkout_session}',
      'decline: requested → declined by seller {}',
      'withdraw_request: requested → cancelled by buyer {}',
      'expire_request: requested → expired by system after requestExpiry {}',
      'mark_paid[paid]: payment_pending → paid by system {ledger_payment_captured}',
      'expire_payment[paid]: payment_pending → expired by system after paymentExpiry {release_quantity, expire_checkout_session}',
      'propose_pickup: accepted|paid|pickup_proposed|pickup_scheduled → pickup_proposed by buyer|seller {record_pickup_proposal}',
      'agree_pickup[not_pickup_proposer]: pickup_proposed → pickup_scheduled by buyer|seller {confirm_pickup_slot}',
      'cancel[paid]: payment_pending → cancelled by buyer|seller|operator {release_quantity, expire_checkout_session}',
      'cancel[paid]: paid|pickup_proposed|pickup_scheduled → cancelled by buyer|seller|operator {release_quantity, refund_payment}',
      'cancel[free]: accepted|pickup_proposed|pickup_scheduled → cancelled by buyer|seller|operator {release_quantity}',
      'hand_over: accepted|paid|pickup_proposed|pickup_scheduled → handed_over by seller {record_handover_weight, ledger_material_handover}',
      'confirm_receipt: handed_over → received by buyer {}',
      'auto_confirm_receipt: handed_over → received by system after receiptAutoConfirm {}',
      'open_dispute: handed_over|received → disputed by buyer {record_dispute}',
      'complete[free]: received → completed by system after completionDelay {record_impact}',
      'complete[paid]: received → completed by system after completionDelay {refund_weight_difference, ledger_settlement, transfer_to_seller, record_impact}',
      'resolve_dispute[paid,refund_full]: disputed → resolved by operator {refund_payment}',
      'resolve_dispute[paid,refund_partial]: disputed → resolved by operator {refund_partial, ledger_settlement, transfer_to_seller, record_impact}',
      'resolve_dispute[paid,release]: disputed → resolved by operator {refund_weight_difference, ledger_settlement, transfer_to_seller, record_impact}',
      'resolve_dispute[free,refund_full]: disputed → resolved by operator {}',
      'resolve_dispute[free,release]: disputed → resolved by operator {record_impact}',
      'auto_resolve_dispute[paid]: disputed → resolved by system after disputeAutoResolve {refund_weight_difference, ledger_settlement, transfer_to_seller, record_impact}',
      'auto_resolve_dispute[free]: disputed → resolved by system after disputeAutoResolve {record_impact}',
    ]);
  });

  it('names every transition at least once and only declared names', () => {
    expect(new Set(TRANSITIONS.map((r) => r.name))).toEqual(new Set(TRANSITION_NAMES));
  });

  it('has at most one row for any state, name, paid/free and resolution', () => {
    for (const state of TRADE_STATES) {
      for (const isPaid of [true, false]) {
        for (const name of TRANSITION_NAMES) {
          for (const resolution of [undefined, 'refund_full', 'refund_partial', 'release'] as const) {
            const rows = TRANSITIONS.filter(
              (r) =>
                r.name === name &&
                r.from.includes(state) &&
                (r.payment === undefined || (r.payment === 'paid') === isPaid) &&
                (r.resolution === undefined || resolution === undefined || r.resolution === resolution),
            );
            const distinct = resolution === undefined ? new Set(rows.map((r) => r.resolution)).size : 1;
            expect(rows.length, `${state} ${name} ${isPaid} ${resolution}`).toBeLessThanOrEqual(distinct);
          }
        }
      }
    }
  });

  it('reserves on entering a reserving state and releases on leaving it for nothing', () => {
    for (const row of TRANSITIONS) {
      for (const from of row.from) {
        const change = `${quantityHold(from)}→${quantityHold(row.to)}`;
        expect(row.effects.includes('reserve_quantity'), `${row.name} ${change}`).toBe(
          change === 'none→reserved',
        );
        expect(row.effects.includes('release_quantity'), `${row.name} ${change}`).toBe(
          change === 'reserved→none',
        );
      }
    }
  });

  it('gives timed transitions to the system only', () => {
    for (const row of TRANSITIONS.filter((r) => r.after)) expect(row.actor).toEqual(['system']);
  });

  it('leaves terminal states by no row, and every other stored state by some row', () => {
    for (const state of TRADE_STATES) {
      const leaving = TRANSITIONS.some((r) => r.from.includes(state));
      expect(leaving, state).toBe(!isTerminalState(state));
    }
  });

  it('reaches every state from initial, and a terminal state from every state', () => {
    const reachable = new Set<TradeState>(['initial']);
    for (let grew = true; grew; ) {
      grew = false;
      for (const row of TRANSITIONS) {
        if (row.from.some((s) => reachable.has(s)) && !reachable.has(row.to)) {
          reachable.add(row.to);
          grew = true;
        }
      }
    }
    expect(new Set(TRADE_STATES)).toEqual(reachable);
    for (const state of TRADE_STATES) {
      const seen = new Set<TradeState>([state]);
      const queue: TradeState[] = [state];
      while (queue.length > 0) {
        const s = queue.shift() as TradeState;
        for (const row of TRANSITIONS.filter((r) => r.from.includes(s))) {
          if (!seen.has(row.to)) {
            seen.add(row.to);
            queue.push(row.to);
          }
        }
      }
      expect([...seen].some(isTerminalState), state).toBe(true);
    }
  });
});

describe('every row of the table', () => {
  const label = (r: TransitionRow) => describeRow(r).split(':')[0] as string;

  describe.each(TRANSITIONS.map((row) => [label(row), row] as const))('%s', (_label, row) => {
    const paidValues = row.payment === undefined ? [true, false] : [row.payment === 'paid'];
    it.each(
      row.from.flatMap((from) =>
        row.actor.flatMap((actor) => paidValues.map((isPaid) => ({ from, actor, isPaid }))),
      ),
    )('from $from by $actor (paid: $isPaid)', ({ from, actor, isPaid }) => {
      const pickupProposedBy: TradeParty | null = row.guard ? (actor === 'buyer' ? 'seller' : 'buyer') : null;
      const result = apply(
        { state: from, isPaid, pickupProposedBy },
        row.name,
        actor,
        paramsFor(row.name, row.resolution),
      );
      expect(result.from).toBe(from);
      expect(result.state).toBe(row.to);
      expect(result.effects.map((e) => e.type)).toEqual(row.effects);
      const expectedTimers = TRANSITIONS.filter(
        (r) =>
          r.after &&
          r.from.includes(row.to) &&
          (r.payment === undefined || (r.payment === 'paid') === isPaid),
      ).map((r) => r.name);
      expect(result.timers.map((t) => t.name)).toEqual(expectedTimers);
    });
  });
});

describe('every (state, transition, actor)', () => {
  it('succeeds exactly when the table allows it, and otherwise throws CONFLICT or FORBIDDEN', () => {
    let allowed = 0;
    let checked = 0;
    for (const state of TRADE_STATES) {
      for (const isPaid of [true, false]) {
        for (const pickupProposedBy of [null, 'buyer', 'seller'] as const) {
          for (const name of TRANSITION_NAMES) {
            for (const actor of TRADE_ACTORS) {
              const matching = (r: TransitionRow) =>
                r.name === name &&
                r.from.includes(state) &&
                (r.payment === undefined || (r.payment === 'paid') === isPaid);
              const inState = TRANSITIONS.filter(matching);
              const forActor = inState.filter((r) => r.actor.includes(actor));
              const guardOk = forActor.every(
                (r) => r.guard === undefined || (pickupProposedBy !== null && pickupProposedBy !== actor),
              );
              const resolutions =
                name === 'resolve_dispute'
                  ? (['refund_full', 'refund_partial', 'release'] as const).filter(
                      (k) => inState.length === 0 || inState.some((r) => r.resolution === k),
                    )
                  : (['release'] as const);
              for (const resolution of resolutions) {
                const trade = { state, isPaid, pickupProposedBy };
                const got = outcome(() => apply(trade, name, actor, paramsFor(name, resolution)));
                const expected =
                  inState.length === 0
                    ? 'CONFLICT trade.illegalTransition'
                    : forActor.length === 0
                      ? 'FORBIDDEN trade.notAllowedForActor'
                      : !guardOk
                        ? 'FORBIDDEN trade.ownPickupProposal'
                        : 'ok';
                expect(
                  got,
                  `${state} ${name} by ${actor} (paid ${isPaid}, proposer ${pickupProposedBy})`,
                ).toBe(expected);
                if (expected === 'ok') {
                  const row = forActor.find((r) => r.resolution === undefined || r.resolution === resolution);
                  expect(apply(trade, name, actor, paramsFor(name, resolution)).state).toBe(row?.to);
                  allowed += 1;
                }
                checked += 1;
              }
            }
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(
      TRADE_STATES.length * TRANSITION_NAMES.length * TRADE_ACTORS.length * 6 - 1,
    );
    expect(allowed).toBeGreaterThan(0);
  });

  it('rejects a transition name that does not exist', () => {
    expect(
      outcome(() => apply({ state: 'requested', isPaid: false }, 'teleport' as TransitionName, 'buyer')),
    ).toBe('VALIDATION trade.unknownTransition');
  });
});

describe('journeys', () => {
  function run(isPaid: boolean, steps: [TransitionName, TradeActor, unknown?][]) {
    let trade: TradeSnapshot = { state: 'initial', isPaid, pickupProposedBy: null };
    const effects: TradeEffect[] = [];
    for (const [name, actor, params] of steps) {
      const result = apply(trade, name, actor, params ?? paramsFor(name));
      effects.push(...result.effects);
      const proposal = result.effects.find((e) => e.type === 'record_pickup_proposal');
      trade = {
        state: result.state,
        isPaid,
        pickupProposedBy:
          proposal?.type === 'record_pickup_proposal' ? proposal.proposedBy : trade.pickupProposedBy,
      };
    }
    return { state: trade.state, effects: effects.map((e) => e.type) };
  }

  it('runs a paid trade from request to completion', () => {
    const { state, effects } = run(true, [
      ['request', 'buyer'],
      ['accept', 'seller'],
      ['mark_paid', 'system'],
      ['propose_pickup', 'seller'],
      ['propose_pickup', 'buyer'],
      ['agree_pickup', 'seller'],
      ['hand_over', 'seller'],
      ['confirm_receipt', 'buyer'],
      ['complete', 'system'],
    ]);
    expect(state).toBe('completed');
    expect(effects).toEqual([
      'reserve_quantity',
      'create_checkout_session',
      'ledger_payment_captured',
      'record_pickup_proposal',
      'record_pickup_proposal',
      'confirm_pickup_slot',
      'record_handover_weight',
      'ledger_material_handover',
      'refund_weight_difference',
      'ledger_settlement',
      'transfer_to_seller',
      'record_impact',
    ]);
  });

  it('runs a free trade with no money effect at all', () => {
    const { state, effects } = run(false, [
      ['request', 'buyer'],
      ['accept', 'seller'],
      ['propose_pickup', 'buyer'],
      ['agree_pickup', 'seller'],
      ['hand_over', 'seller'],
      ['auto_confirm_receipt', 'system'],
      ['complete', 'system'],
    ]);
    expect(state).toBe('completed');
    expect(effects).toEqual([
      'reserve_quantity',
      'record_pickup_proposal',
      'confirm_pickup_slot',
      'record_handover_weight',
      'ledger_material_handover',
      'record_impact',
    ]);
  });

  it('refunds a paid trade cancelled after payment, and only releases an unpaid one', () => {
    expect(
      run(true, [
        ['request', 'buyer'],
        ['accept', 'seller'],
        ['mark_paid', 'system'],
        ['cancel', 'buyer'],
      ]).effects,
    ).toContain('refund_payment');
    expect(
      run(true, [
        ['request', 'buyer'],
        ['accept', 'seller'],
        ['cancel', 'seller'],
      ]).effects,
    ).toEqual(['reserve_quantity', 'create_checkout_session', 'release_quantity', 'expire_checkout_session']);
  });

  it('refuses to mark paid a trade that already expired (the webhook handler then refunds)', () => {
    expect(outcome(() => apply({ state: 'expired', isPaid: true }, 'mark_paid', 'system'))).toBe(
      'CONFLICT trade.illegalTransition',
    );
  });

  it('refuses to cancel once handed over', () => {
    expect(outcome(() => apply({ state: 'handed_over', isPaid: true }, 'cancel', 'buyer'))).toBe(
      'CONFLICT trade.illegalTransition',
    );
  });
});

describe('effects carry their data', () => {
  it('records who proposed which slot', () => {
    const result = apply({ state: 'paid', isPaid: true }, 'propose_pickup', 'buyer', { slot: SLOT });
    expect(result.effects).toEqual([{ type: 'record_pickup_proposal', proposedBy: 'buyer', slot: SLOT }]);
  });

  it('records the handover weight in grams, half-up', () => {
    const result = apply({ state: 'pickup_scheduled', isPaid: true }, 'hand_over', 'seller', {
      measuredKg: '11.2345',
    });
    expect(result.effects).toEqual([
      { type: 'record_handover_weight', grams: 11235 },
      { type: 'ledger_material_handover', grams: 11235 },
    ]);
  });

  it('records the dispute reason, trimmed', () => {
    const result = apply({ state: 'received', isPaid: false }, 'open_dispute', 'buyer', {
      reason: '  Bois humide  ',
    });
    expect(result.effects).toEqual([{ type: 'record_dispute', reason: 'Bois humide' }]);
  });

  it('carries the operator’s partial refund', () => {
    const result = apply({ state: 'disputed', isPaid: true }, 'resolve_dispute', 'operator', {
      resolution: { kind: 'refund_partial', refundCents: 1234 },
    });
    expect(result.effects[0]).toEqual({ type: 'refund_partial', refundCents: 1234 });
  });
});

describe('parameters', () => {
  it.each<[string, TradeSnapshot, TransitionName, TradeActor, unknown, string]>([
    [
      'no slot',
      { state: 'accepted', isPaid: false },
      'propose_pickup',
      'buyer',
      {},
      'VALIDATION trade.pickupSlotInvalid',
    ],
    [
      'a slot ending before it starts',
      { state: 'accepted', isPaid: false },
      'propose_pickup',
      'buyer',
      { slot: { start: SLOT.end, end: SLOT.start } },
      'VALIDATION trade.pickupSlotInvalid',
    ],
    [
      'a slot in the past',
      { state: 'accepted', isPaid: false },
      'propose_pickup',
      'seller',
      { slot: { start: new Date('2026-03-01T10:00:00Z'), end: new Date('2026-03-01T11:00:00Z') } },
      'VALIDATION trade.pickupSlotInPast',
    ],
    [
      'a negative weight',
      { state: 'paid', isPaid: true },
      'hand_over',
      'seller',
      { measuredKg: -3 },
      'VALIDATION decimal.negative',
    ],
    [
      'a zero weight',
      { state: 'paid', isPaid: true },
      'hand_over',
      'seller',
      { measuredKg: 0 },
      'VALIDATION weight.notPositive',
    ],
    ['no weight', { state: 'paid', isPaid: true }, 'hand_over', 'seller', {}, 'VALIDATION decimal.invalid'],
    [
      'an empty reason',
      { state: 'handed_over', isPaid: true },
      'open_dispute',
      'buyer',
      { reason: '  ' },
      'VALIDATION trade.disputeReasonRequired',
    ],
    [
      'a reason too long',
      { state: 'handed_over', isPaid: true },
      'open_dispute',
      'buyer',
      { reason: 'x'.repeat(2001) },
      'VALIDATION trade.disputeReasonTooLong',
    ],
    [
      'no resolution',
      { state: 'disputed', isPaid: true },
      'resolve_dispute',
      'operator',
      {},
      'VALIDATION trade.invalidResolution',
    ],
    [
      'a zero partial refund',
      { state: 'disputed', isPaid: true },
      'resolve_dispute',
      'operator',
      { resolution: { kind: 'refund_partial', refundCents: 0 } },
      'VALIDATION trade.invalidResolution',
    ],
    [
      'a fractional partial refund',
      { state: 'disputed', isPaid: true },
      'resolve_dispute',
      'operator',
      { resolution: { kind: 'refund_partial', refundCents: 12.5 } },
      'VALIDATION trade.invalidResolution',
    ],
    [
      'a partial refund of a free trade',
      { state: 'disputed', isPaid: false },
      'resolve_dispute',
      'operator',
      { resolution: { kind: 'refund_partial', refundCents: 100 } },
      'VALIDATION trade.resolutionNotApplicable',
    ],
  ])('rejects %s', (_label, trade, name, actor, params, expected) => {
    expect(outcome(() => apply(trade, name, actor, params))).toBe(expected);
  });

  it('checks the state and the actor before the parameters', () => {
    expect(outcome(() => apply({ state: 'requested', isPaid: true }, 'hand_over', 'seller', {}))).toBe(
      'CONFLICT trade.illegalTransition',
    );
    expect(outcome(() => apply({ state: 'paid', isPaid: true }, 'hand_over', 'buyer', {}))).toBe(
      'FORBIDDEN trade.notAllowedForActor',
    );
  });

  it('rejects an invalid clock', () => {
    expect(
      outcome(() => apply({ state: 'initial', isPaid: false }, 'request', 'buyer', undefined, new Date('x'))),
    ).toBe('VALIDATION trade.invalidTime');
  });
});

describe('pickup agreement', () => {
  it('lets only the other party agree to a proposed slot', () => {
    const trade: TradeSnapshot = { state: 'pickup_proposed', isPaid: true, pickupProposedBy: 'seller' };
    expect(outcome(() => apply(trade, 'agree_pickup', 'seller'))).toBe('FORBIDDEN trade.ownPickupProposal');
    expect(apply(trade, 'agree_pickup', 'buyer').state).toBe('pickup_scheduled');
    expect(outcome(() => apply({ ...trade, pickupProposedBy: null }, 'agree_pickup', 'buyer'))).toBe(
      'FORBIDDEN trade.ownPickupProposal',
    );
  });
});

describe('timers', () => {
  const at = (ms: number) => new Date(NOW.getTime() + ms);

  it.each<[TradeSnapshot, TransitionName, TradeActor, { name: TransitionName; at: Date }[]]>([
    [{ state: 'initial', isPaid: true }, 'request', 'buyer', [{ name: 'expire_request', at: at(7 * DAY) }]],
    [
      { state: 'requested', isPaid: true },
      'accept',
      'seller',
      [{ name: 'expire_payment', at: at(24 * HOUR) }],
    ],
    [{ state: 'requested', isPaid: false }, 'accept', 'seller', []],
    [{ state: 'payment_pending', isPaid: true }, 'mark_paid', 'system', []],
    [
      { state: 'pickup_scheduled', isPaid: false },
      'hand_over',
      'seller',
      [{ name: 'auto_confirm_receipt', at: at(7 * DAY) }],
    ],
    [
      { state: 'handed_over', isPaid: true },
      'confirm_receipt',
      'buyer',
      [{ name: 'complete', at: at(2 * DAY) }],
    ],
    [
      { state: 'received', isPaid: true },
      'open_dispute',
      'buyer',
      [{ name: 'auto_resolve_dispute', at: at(60 * DAY) }],
    ],
    [{ state: 'disputed', isPaid: true }, 'resolve_dispute', 'operator', []],
  ])('%o %s by %s arms %o', (trade, name, actor, expected) => {
    expect(apply(trade, name, actor).timers).toEqual(expected);
  });

  it('completes at once when no completion delay is configured', () => {
    const { completionDelayMs: _omitted, ...withoutDelay } = timings;
    const result = applyTransition({ state: 'handed_over', isPaid: false }, 'confirm_receipt', 'buyer', NOW, {
      timings: withoutDelay,
    });
    expect(result.timers).toEqual([{ name: 'complete', at: NOW }]);
  });

  it('refuses a timed transition fired before it is due, when the entry time is known', () => {
    const entered = new Date(NOW.getTime() - 7 * DAY + 1);
    expect(
      outcome(() =>
        apply({ state: 'requested', isPaid: false, stateEnteredAt: entered }, 'expire_request', 'system'),
      ),
    ).toBe('CONFLICT trade.timerNotDue');
    const due = new Date(NOW.getTime() - 7 * DAY);
    expect(
      apply({ state: 'requested', isPaid: false, stateEnteredAt: due }, 'expire_request', 'system').state,
    ).toBe('expired');
  });

  it('uses the defaults of the brief', () => {
    expect(DEFAULT_TRADE_TIMINGS).toEqual({
      requestExpiryMs: 7 * DAY,
      paymentExpiryMs: 24 * HOUR,
      receiptAutoConfirmMs: 7 * DAY,
      disputeAutoResolveMs: 60 * DAY,
      completionDelayMs: 0,
    });
  });
});

describe('availableTransitions', () => {
  it.each<[TradeState, TradeActor, boolean, TradeParty | null, TransitionName[]]>([
    ['requested', 'seller', true, null, ['accept', 'decline']],
    ['requested', 'buyer', true, null, ['withdraw_request']],
    ['requested', 'system', true, null, ['expire_request']],
    ['payment_pending', 'buyer', true, null, ['cancel']],
    ['paid', 'seller', true, null, ['propose_pickup', 'cancel', 'hand_over']],
    ['pickup_proposed', 'buyer', true, 'seller', ['propose_pickup', 'agree_pickup', 'cancel']],
    ['pickup_proposed', 'seller', true, 'seller', ['propose_pickup', 'cancel', 'hand_over']],
    ['handed_over', 'buyer', false, null, ['confirm_receipt', 'open_dispute']],
    ['disputed', 'operator', true, null, ['resolve_dispute']],
    ['disputed', 'buyer', true, null, []],
    ['completed', 'operator', true, null, []],
  ])('%s for %s (paid %s, proposer %s) → %o', (state, actor, isPaid, proposer, expected) => {
    expect(availableTransitions(state, actor, isPaid, proposer)).toEqual(expected);
  });

  it('offers exactly what applyTransition accepts', () => {
    for (const state of TRADE_STATES) {
      for (const actor of TRADE_ACTORS) {
        for (const isPaid of [true, false]) {
          for (const proposer of [null, 'buyer', 'seller'] as const) {
            const offered = availableTransitions(state, actor, isPaid, proposer);
            const accepted = TRANSITION_NAMES.filter(
              (name) =>
                outcome(() => apply({ state, isPaid, pickupProposedBy: proposer }, name, actor)) === 'ok',
            );
            expect(new Set(offered)).toEqual(new Set(accepted));
          }
        }
      }
    }
  });
});

describe('transition errors carry the field and the context', () => {
  function details(fn: () => unknown): unknown {
    try {
      fn();
    } catch (e) {
      if (isDomainError(e)) return { code: e.code, key: e.key, ...e.details };
      throw e;
    }
    throw new Error('did not throw');
  }
  const paid = (state: TradeState): TradeSnapshot => ({ state, isPaid: true });
  const free = (state: TradeState): TradeSnapshot => ({ state, isPaid: false });
  const field = (key: string, path: string, extra: Record<string, unknown> = {}) => ({
    code: 'VALIDATION',
    key,
    fields: [{ path, key }],
    ...extra,
  });

  it.each<[string, () => unknown, unknown]>([
    [
      'an unknown transition',
      () => apply(free('requested'), 'fly' as TransitionName, 'buyer'),
      { code: 'VALIDATION', key: 'trade.unknownTransition', transition: 'fly' },
    ],
    [
      'a transition that cannot leave the state',
      () => apply(free('requested'), 'hand_over', 'seller'),
      {
        code: 'CONFLICT',
        key: 'trade.illegalTransition',
        state: 'requested',
        transition: 'hand_over',
        actor: 'seller',
      },
    ],
    [
      'an empty slot (start = end)',
      () =>
        apply(free('accepted'), 'propose_pickup', 'buyer', { slot: { start: SLOT.start, end: SLOT.start } }),
      field('trade.pickupSlotInvalid', 'slot'),
    ],
    [
      'a slot that ends now',
      () =>
        apply(free('accepted'), 'propose_pickup', 'buyer', {
          slot: { start: new Date(NOW.getTime() - HOUR), end: NOW },
        }),
      field('trade.pickupSlotInPast', 'slot'),
    ],
    [
      'a handover without a weight',
      () => apply(free('pickup_scheduled'), 'hand_over', 'seller', { measuredKg: 'lourd' }),
      field('decimal.invalid', 'measuredKg', { value: 'lourd' }),
    ],
    [
      'a handover of nothing',
      () => apply(free('pickup_scheduled'), 'hand_over', 'seller', { measuredKg: 0 }),
      field('weight.notPositive', 'measuredKg'),
    ],
    [
      'a dispute reason that is not text',
      () => apply(free('handed_over'), 'open_dispute', 'buyer', { reason: 42 }),
      field('trade.disputeReasonRequired', 'reason'),
    ],
    [
      'a dispute reason one character too long',
      () => apply(free('handed_over'), 'open_dispute', 'buyer', { reason: 'x'.repeat(2001) }),
      field('trade.disputeReasonTooLong', 'reason'),
    ],
    [
      'a malformed resolution',
      () => apply(paid('disputed'), 'resolve_dispute', 'operator', { resolution: { kind: 'coin_toss' } }),
      field('trade.invalidResolution', 'resolution'),
    ],
    [
      'a partial refund of a free trade',
      () =>
        apply(free('disputed'), 'resolve_dispute', 'operator', {
          resolution: { kind: 'refund_partial', refundCents: 100 },
        }),
      field('trade.resolutionNotApplicable', 'resolution', { kind: 'refund_partial' }),
    ],
    [
      'a timer fired early',
      () =>
        apply(
          { state: 'requested', isPaid: false, stateEnteredAt: new Date(NOW.getTime() - DAY) },
          'expire_request',
          'system',
        ),
      {
        code: 'CONFLICT',
        key: 'trade.timerNotDue',
        state: 'requested',
        transition: 'expire_request',
        actor: 'system',
        dueAt: new Date(NOW.getTime() + 6 * DAY).toISOString(),
      },
    ],
  ])('%s', (_name, fn, expected) => {
    expect(details(fn)).toEqual(expected);
  });

  it('accepts a dispute reason of exactly the maximum length, trimmed', () => {
    const result = apply(free('handed_over'), 'open_dispute', 'buyer', { reason: `  ${'x'.repeat(2000)}  ` });
    expect(result.effects).toEqual([{ type: 'record_dispute', reason: 'x'.repeat(2000) }]);
  });
});
