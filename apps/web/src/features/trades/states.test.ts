import type { TradeOutput } from '@retaille/api/client';
import { availableTransitions, TRADE_STATES, type TradeParty, type TradeState } from '@retaille/domain/web';
import { describe, expect, it } from 'vitest';
import {
  type TradeAction,
  type TradeActionsView,
  type Transition,
  tradeActionsFor,
  USER_TRANSITIONS,
} from './states.ts';

type Role = TradeOutput['role'];
const ROLES: Role[] = ['buyer', 'seller', 'operator'];

/** The view for a trade as the server would send it: its transitions from the domain's table. */
function viewFor(state: TradeState, role: Role, isPaid: boolean, proposedBy: TradeParty | null = null) {
  const pickup = state === 'pickup_proposed' || state === 'pickup_scheduled' ? { proposedBy } : null;
  return tradeActionsFor({
    state,
    role,
    availableTransitions: availableTransitions(state, role, isPaid, proposedBy),
    pickup,
  });
}

const waiting = (...actions: TradeAction[]): TradeActionsView => ({ actions, notice: 'waiting' });
const acting = (...actions: TradeAction[]): TradeActionsView => ({ actions, notice: null });
const finished: TradeActionsView = { actions: [], notice: 'finished' };

describe('tradeActionsFor: what each party sees in each state', () => {
  it.each<[TradeState, boolean, TradeParty | null, Record<Role, TradeActionsView>]>([
    [
      'requested',
      false,
      null,
      { buyer: waiting('withdraw_request'), seller: acting('accept', 'decline'), operator: waiting() },
    ],
    [
      'accepted',
      false,
      null,
      {
        buyer: acting('propose_pickup', 'cancel'),
        seller: acting('propose_pickup', 'hand_over', 'cancel'),
        operator: waiting('cancel'),
      },
    ],
    [
      'payment_pending',
      true,
      null,
      { buyer: acting('pay', 'cancel'), seller: waiting('cancel'), operator: waiting('cancel') },
    ],
    [
      'paid',
      true,
      null,
      {
        buyer: acting('propose_pickup', 'cancel'),
        seller: acting('propose_pickup', 'hand_over', 'cancel'),
        operator: waiting('cancel'),
      },
    ],
    [
      'pickup_proposed',
      false,
      'seller',
      {
        buyer: acting('agree_pickup', 'counter_pickup', 'cancel'),
        seller: acting('my_slot_pending', 'counter_pickup', 'hand_over', 'cancel'),
        operator: waiting('cancel'),
      },
    ],
    [
      'pickup_proposed',
      true,
      'buyer',
      {
        buyer: acting('my_slot_pending', 'counter_pickup', 'cancel'),
        seller: acting('agree_pickup', 'counter_pickup', 'hand_over', 'cancel'),
        operator: waiting('cancel'),
      },
    ],
    [
      'pickup_scheduled',
      true,
      'seller',
      {
        buyer: acting('counter_pickup', 'cancel'),
        // The slot is agreed: handing over comes first, rescheduling after.
        seller: acting('hand_over', 'counter_pickup', 'cancel'),
        operator: waiting('cancel'),
      },
    ],
    [
      'handed_over',
      true,
      null,
      { buyer: acting('confirm_receipt', 'open_dispute'), seller: waiting(), operator: waiting() },
    ],
    ['received', false, null, { buyer: waiting('open_dispute'), seller: waiting(), operator: waiting() }],
    ['disputed', true, null, { buyer: waiting(), seller: waiting(), operator: acting('resolve_dispute') }],
    ['completed', true, null, { buyer: finished, seller: finished, operator: finished }],
    ['resolved', false, null, { buyer: finished, seller: finished, operator: finished }],
    ['declined', false, null, { buyer: finished, seller: finished, operator: finished }],
    ['cancelled', true, null, { buyer: finished, seller: finished, operator: finished }],
    ['expired', true, null, { buyer: finished, seller: finished, operator: finished }],
  ])('%s (paid: %s, slot proposed by %s)', (state, isPaid, proposedBy, byRole) => {
    for (const role of ROLES)
      expect([role, viewFor(state, role, isPaid, proposedBy)]).toEqual([role, byRole[role]]);
  });
});

describe('tradeActionsFor: nothing the server offers is dropped', () => {
  const shownAs: Partial<Record<Transition, TradeAction[]>> = {
    accept: ['accept'],
    decline: ['decline'],
    withdraw_request: ['withdraw_request'],
    cancel: ['cancel'],
    propose_pickup: ['propose_pickup', 'counter_pickup'],
    agree_pickup: ['agree_pickup'],
    hand_over: ['hand_over'],
    confirm_receipt: ['confirm_receipt'],
    open_dispute: ['open_dispute'],
    resolve_dispute: ['resolve_dispute'],
  };
  const cases = TRADE_STATES.flatMap((state) =>
    ROLES.flatMap((role) =>
      [false, true].flatMap((isPaid) =>
        ([null, 'buyer', 'seller'] as const).map((proposer) => ({ state, role, isPaid, proposer })),
      ),
    ),
  );

  it.each(cases)('$state, $role, paid $isPaid, proposer $proposer', ({ state, role, isPaid, proposer }) => {
    const offered = availableTransitions(state, role, isPaid, proposer).filter((n) =>
      (USER_TRANSITIONS as readonly string[]).includes(n),
    );
    const view = viewFor(state, role, isPaid, proposer);
    for (const name of offered)
      expect(view.actions).toEqual(expect.arrayContaining([expect.toBeOneOf(shownAs[name] ?? [])]));
    // One button per kind: never two cancel buttons, never hand-over twice.
    expect(new Set(view.actions).size).toBe(view.actions.length);
  });
});
