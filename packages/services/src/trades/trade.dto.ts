import type { TradeActor, TradeParty, TradeState, TransitionName } from '@retaille/domain';

/** The price both sides see, in integer cents; computed on the server only. */
export interface PriceBreakdownDto {
  unitPriceCents: number;
  /** Canonical decimal string of the priced quantity. */
  quantity: string;
  subtotalCents: number;
  vatRateBps: number | null;
  vatCents: number;
  totalCents: number;
  platformFeeBps: number;
  platformFeeCents: number;
  sellerPayoutCents: number;
  isFree: boolean;
}

export interface TradeDto {
  id: string;
  state: TradeState;
  isPaid: boolean;
  /** The caller's side of the trade. */
  role: Exclude<TradeActor, 'system'>;
  /** What the caller may do now (the UI's buttons). */
  availableTransitions: TransitionName[];
  lot: { id: string; title: string; unit: string };
  sellerSite: { id: string; name: string };
  buyer: { userId: string; name: string; siteId: string | null };
  quantity: string;
  unit: string;
  price: PriceBreakdownDto;
  /** After a per-kg repricing or a partial refund: what the trade finally retains. */
  final: { totalCents: number; platformFeeCents: number; sellerPayoutCents: number } | null;
  paidCents: number;
  refundedCents: number;
  pickup: { start: string; end: string; proposedBy: TradeParty | null; agreed: boolean } | null;
  handoverKg: string | null;
  receiptKg: string | null;
  dispute: { reason: string; openedAt: string; resolution: string | null; refundCents: number | null } | null;
  /** The next timed transition, e.g. when an unanswered request expires. */
  nextDeadline: { transition: string; at: string } | null;
  stateEnteredAt: string;
  createdAt: string;
  updatedAt: string;
}

export interface TradeMessageDto {
  id: string;
  authorRole: 'buyer' | 'seller' | 'operator';
  authorName: string | null;
  mine: boolean;
  body: string;
  createdAt: string;
}

export interface TradeRequestInput {
  lotId: string;
  /** In the lot's unit; at most 3 decimals. */
  quantity: number | string;
  /** The buyer's workshop, when the buyer collects for a site. */
  buyerSiteId?: string | null | undefined;
  message?: string | undefined;
}

export type PaymentAccountState = 'none' | 'pending' | 'enabled';

export interface PaymentAccountStatusDto {
  siteId: string;
  state: PaymentAccountState;
  /** The `transfers` capability is active: the site can receive its payouts from the platform. */
  transfersActive: boolean;
  chargesEnabled: boolean;
  payoutsEnabled: boolean;
  detailsSubmitted: boolean;
}

export interface PaymentsStatusDto {
  mode: 'live' | 'simulation';
  platformFeeBps: number;
}
