import type { TradeOutput } from '@retaille/api/client';

export type TradeState = TradeOutput['state'];
export type Transition = TradeOutput['availableTransitions'][number];

/** Badge colours: wood while someone has to act, forest once done, grey when closed without effect. */
export const stateColor: Record<TradeState, string> = {
  initial: 'gray',
  requested: 'wood',
  declined: 'gray',
  payment_pending: 'wood',
  accepted: 'forest',
  paid: 'forest',
  pickup_proposed: 'wood',
  pickup_scheduled: 'blue',
  handed_over: 'blue',
  received: 'forest',
  completed: 'forest',
  cancelled: 'gray',
  expired: 'gray',
  disputed: 'red',
  resolved: 'grape',
};

export const CLOSED_WITHOUT_EFFECT: readonly TradeState[] = ['declined', 'cancelled', 'expired'];
export const FINISHED: readonly TradeState[] = ['completed', 'resolved'];

/** The transitions a party can fire from the web (the system ones are excluded by the API already). */
export const USER_TRANSITIONS: readonly Transition[] = [
  'accept',
  'decline',
  'withdraw_request',
  'cancel',
  'propose_pickup',
  'agree_pickup',
  'hand_over',
  'confirm_receipt',
  'open_dispute',
  'resolve_dispute',
];

/** Whether the caller has something to do on this trade now (answer, pay, agree, hand over, confirm, settle). */
export function needsMe(trade: TradeOutput): boolean {
  if (trade.role === 'buyer' && trade.state === 'payment_pending') return true;
  const a = trade.availableTransitions;
  if ((trade.state === 'accepted' || trade.state === 'paid') && a.includes('propose_pickup')) return true;
  return (['accept', 'agree_pickup', 'hand_over', 'confirm_receipt', 'resolve_dispute'] as const).some(
    (name) => a.includes(name) && !(name === 'hand_over' && trade.state !== 'pickup_scheduled'),
  );
}

/** One thing the trade page offers the caller, in the order the page shows them. */
export type TradeAction =
  | 'accept'
  | 'decline'
  | 'pay'
  | 'agree_pickup'
  /** Not a button: "you proposed this slot, waiting for the other party". */
  | 'my_slot_pending'
  | 'hand_over'
  | 'propose_pickup'
  /** Proposing again once a slot exists: a counter-proposal or a reschedule. */
  | 'counter_pickup'
  | 'confirm_receipt'
  | 'open_dispute'
  | 'resolve_dispute'
  | 'withdraw_request'
  | 'cancel';

export interface TradeActionsView {
  actions: TradeAction[];
  /** When nothing but cancelling or disputing is left: the trade is over, or the next move is not ours. */
  notice: 'finished' | 'waiting' | null;
}

const SECONDARY: readonly TradeAction[] = ['withdraw_request', 'cancel', 'open_dispute'];

/**
 * What the trade page offers for a trade as the caller sees it: from the transitions the server
 * says are available (it decides; this only lays them out), the state, the caller's role and who
 * proposed the pickup slot.
 */
export function tradeActionsFor(
  trade: Pick<TradeOutput, 'state' | 'role' | 'availableTransitions'> & {
    pickup: Pick<NonNullable<TradeOutput['pickup']>, 'proposedBy'> | null;
  },
): TradeActionsView {
  const can = (name: Transition) => trade.availableTransitions.includes(name);
  const { state } = trade;
  const actions: TradeAction[] = [];
  if (can('accept')) actions.push('accept');
  if (can('decline')) actions.push('decline');
  if (trade.role === 'buyer' && state === 'payment_pending') actions.push('pay');
  if (can('agree_pickup') && trade.pickup) actions.push('agree_pickup');
  if (state === 'pickup_proposed' && trade.pickup && trade.pickup.proposedBy === trade.role)
    actions.push('my_slot_pending');
  // Once a slot is agreed, handing over comes first; before, proposing one does.
  if (can('hand_over') && state === 'pickup_scheduled') actions.push('hand_over');
  if (can('propose_pickup'))
    actions.push(
      state === 'pickup_proposed' || state === 'pickup_scheduled' ? 'counter_pickup' : 'propose_pickup',
    );
  if (can('hand_over') && state !== 'pickup_scheduled') actions.push('hand_over');
  if (can('confirm_receipt')) actions.push('confirm_receipt');
  if (can('open_dispute')) actions.push('open_dispute');
  if (can('resolve_dispute')) actions.push('resolve_dispute');
  if (can('withdraw_request') && state === 'requested') actions.push('withdraw_request');
  else if (can('withdraw_request') || can('cancel')) actions.push('cancel');
  const closed = CLOSED_WITHOUT_EFFECT.includes(state) || FINISHED.includes(state);
  const notice = actions.every((a) => SECONDARY.includes(a)) ? (closed ? 'finished' : 'waiting') : null;
  return { actions, notice };
}
