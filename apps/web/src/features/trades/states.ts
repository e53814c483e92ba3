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
