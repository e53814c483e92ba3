import { z } from 'zod';
import type { TradeActor, TradeParty, TradeState } from '../trades/trade-states.ts';

/** Every kind of in-app notice; the database checks the same list. */
export const NOTIFICATION_KINDS = [
  'lot_matches_request',
  'allocation_proposal',
  'lot_offer',
  'lot_matches_search',
  'trade_requested',
  'trade_accepted',
  'trade_payment_due',
  'trade_declined',
  'trade_withdrawn',
  'trade_expired',
  'trade_paid',
  'pickup_proposed',
  'pickup_agreed',
  'trade_cancelled',
  'trade_handed_over',
  'trade_received',
  'trade_disputed',
  'trade_completed',
  'dispute_resolved',
  'pooled_tour_proposed',
  'pooled_tour_answered',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
export const notificationKindSchema = z.enum(NOTIFICATION_KINDS);

/** The notices of a trade's events. */
export const TRADE_NOTIFICATION_KINDS = [
  'trade_requested',
  'trade_accepted',
  'trade_payment_due',
  'trade_declined',
  'trade_withdrawn',
  'trade_expired',
  'trade_paid',
  'pickup_proposed',
  'pickup_agreed',
  'trade_cancelled',
  'trade_handed_over',
  'trade_received',
  'trade_disputed',
  'trade_completed',
  'dispute_resolved',
] as const satisfies readonly NotificationKind[];
export type TradeNotificationKind = (typeof TRADE_NOTIFICATION_KINDS)[number];

/** How a notice reaches its recipient besides the bell: e-mailed at once, in the daily digest, or not e-mailed. */
export const EMAIL_MODES = ['immediate', 'digest', 'in_app'] as const;
export type EmailMode = (typeof EMAIL_MODES)[number];
export const emailModeSchema = z.enum(EMAIL_MODES);

/** The kinds a user can set a preference for (every kind that is ours to e-mail). */
export const PREFERENCE_KINDS = [
  ...TRADE_NOTIFICATION_KINDS,
  'lot_offer',
  'lot_matches_search',
] as const satisfies readonly NotificationKind[];
export type PreferenceKind = (typeof PREFERENCE_KINDS)[number];
export const preferenceKindSchema = z.enum(PREFERENCE_KINDS);

export const isPreferenceKind = (kind: string): kind is PreferenceKind =>
  (PREFERENCE_KINDS as readonly string[]).includes(kind);

/** Notices that ask the recipient to act: a request to answer, a payment to make, a slot to confirm, a dispute, an offer. */
export function needsAction(kind: NotificationKind): boolean {
  switch (kind) {
    case 'trade_requested':
    case 'trade_payment_due':
    case 'pickup_proposed':
    case 'trade_disputed':
    case 'lot_offer':
    case 'pooled_tour_proposed':
      return true;
    case 'lot_matches_request':
    case 'allocation_proposal':
    case 'lot_matches_search':
    case 'trade_accepted':
    case 'trade_declined':
    case 'trade_withdrawn':
    case 'trade_expired':
    case 'trade_paid':
    case 'pickup_agreed':
    case 'trade_cancelled':
    case 'trade_handed_over':
    case 'trade_received':
    case 'trade_completed':
    case 'dispute_resolved':
    case 'pooled_tour_answered':
      return false;
    default: {
      const unknownKind: never = kind;
      throw new Error(`Unknown notification kind: ${String(unknownKind)}`);
    }
  }
}

/** By default what needs the recipient to act is e-mailed at once, new matching lots go in the digest, the rest stays in-app. */
export function defaultEmailMode(kind: NotificationKind): EmailMode {
  if (needsAction(kind)) return 'immediate';
  if (kind === 'lot_matches_search' || kind === 'lot_matches_request') return 'digest';
  return 'in_app';
}

/** Who hears of a trade event: one side of the trade, or the operators (a dispute to settle). */
export type NoticeRecipient = TradeParty | 'operators';

export interface TradeNotice {
  to: NoticeRecipient;
  kind: TradeNotificationKind;
}

export interface TradeEventFacts {
  transition: string;
  toState: TradeState | string;
  actorRole: TradeActor | string;
}

const other = (party: string): TradeParty => (party === 'buyer' ? 'seller' : 'buyer');
const both = (kind: TradeNotificationKind): TradeNotice[] => [
  { to: 'buyer', kind },
  { to: 'seller', kind },
];

/**
 * Who is told of a trade event, and as what: the party who must act next and the party who
 * wants to know. The actor is never told of their own action (an operator's cancellation
 * reaches both sides). Unknown transitions tell nobody.
 */
export function tradeNotices(event: TradeEventFacts): TradeNotice[] {
  switch (event.transition) {
    case 'request':
      return [{ to: 'seller', kind: 'trade_requested' }];
    case 'accept':
      return [
        { to: 'buyer', kind: event.toState === 'payment_pending' ? 'trade_payment_due' : 'trade_accepted' },
      ];
    case 'decline':
      return [{ to: 'buyer', kind: 'trade_declined' }];
    case 'withdraw_request':
      return [{ to: 'seller', kind: 'trade_withdrawn' }];
    case 'expire_request':
    case 'expire_payment':
      return both('trade_expired');
    case 'mark_paid':
      return [{ to: 'seller', kind: 'trade_paid' }];
    case 'propose_pickup':
      return event.actorRole === 'buyer' || event.actorRole === 'seller'
        ? [{ to: other(event.actorRole), kind: 'pickup_proposed' }]
        : [];
    case 'agree_pickup':
      return event.actorRole === 'buyer' || event.actorRole === 'seller'
        ? [{ to: other(event.actorRole), kind: 'pickup_agreed' }]
        : [];
    case 'cancel':
      return event.actorRole === 'buyer' || event.actorRole === 'seller'
        ? [{ to: other(event.actorRole), kind: 'trade_cancelled' }]
        : both('trade_cancelled');
    case 'hand_over':
      return [{ to: 'buyer', kind: 'trade_handed_over' }];
    case 'confirm_receipt':
    case 'auto_confirm_receipt':
      return [{ to: 'seller', kind: 'trade_received' }];
    case 'open_dispute':
      return [
        { to: 'seller', kind: 'trade_disputed' },
        { to: 'operators', kind: 'trade_disputed' },
      ];
    case 'complete':
      return both('trade_completed');
    case 'resolve_dispute':
    case 'auto_resolve_dispute':
      return both('dispute_resolved');
    default:
      return [];
  }
}

/** Notices about a lot still to be collected: pointless once the lot is withdrawn. */
export function concernsAvailableLot(kind: TradeNotificationKind): boolean {
  return (
    kind === 'trade_requested' ||
    kind === 'trade_payment_due' ||
    kind === 'trade_accepted' ||
    kind === 'pickup_proposed'
  );
}
