import { z } from 'zod';

/**
 * `initial` is never stored: a trade row is inserted with the result of the `request` transition.
 * Free trades go requested → accepted; paid ones requested → payment_pending → paid. Both then
 * agree a pickup slot (pickup_proposed ⇄ pickup_scheduled), are handed over and received.
 */
export const TRADE_STATES = [
  'initial',
  'requested',
  'declined',
  'payment_pending',
  'accepted',
  'paid',
  'pickup_proposed',
  'pickup_scheduled',
  'handed_over',
  'received',
  'completed',
  'cancelled',
  'expired',
  'disputed',
  'resolved',
] as const;
export type TradeState = (typeof TRADE_STATES)[number];
export const tradeStateSchema = z.enum(TRADE_STATES);

export const TRADE_ACTORS = ['buyer', 'seller', 'operator', 'system'] as const;
export type TradeActor = (typeof TRADE_ACTORS)[number];
export const tradeActorSchema = z.enum(TRADE_ACTORS);

/** The two sides of a trade, as opposed to the operator and the system. */
export type TradeParty = Extract<TradeActor, 'buyer' | 'seller'>;

function assertNever(value: never): never {
  throw new Error(`Unhandled trade state: ${String(value)}`);
}

/** No transition leaves these states. */
export function isTerminalState(state: TradeState): boolean {
  switch (state) {
    case 'declined':
    case 'completed':
    case 'cancelled':
    case 'expired':
    case 'resolved':
      return true;
    case 'initial':
    case 'requested':
    case 'payment_pending':
    case 'accepted':
    case 'paid':
    case 'pickup_proposed':
    case 'pickup_scheduled':
    case 'handed_over':
    case 'received':
    case 'disputed':
      return false;
    default:
      return assertNever(state);
  }
}

/**
 * What a trade in this state does to its lot's quantity: `reserved` counts against what is still
 * available; `consumed` has left the lot for good (handed over); `none` holds nothing.
 */
export type QuantityHold = 'none' | 'reserved' | 'consumed';

export function quantityHold(state: TradeState): QuantityHold {
  switch (state) {
    case 'initial':
    case 'requested':
    case 'declined':
    case 'cancelled':
    case 'expired':
      return 'none';
    case 'payment_pending':
    case 'accepted':
    case 'paid':
    case 'pickup_proposed':
    case 'pickup_scheduled':
      return 'reserved';
    case 'handed_over':
    case 'received':
    case 'completed':
    case 'disputed':
    case 'resolved':
      return 'consumed';
    default:
      return assertNever(state);
  }
}
