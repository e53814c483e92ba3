/** The trade contract is declared once, in the domain (ADR 013); these are its `z.output` types. */
export type {
  PaymentAccountState,
  PaymentAccountStatusDto,
  PaymentsStatusDto,
  PriceBreakdownDto,
  TradeDto,
  TradeMessageDto,
} from '@retaille/domain';

export interface TradeRequestInput {
  lotId: string;
  /** In the lot's unit; at most 3 decimals. */
  quantity: number | string;
  /** The buyer's workshop, when the buyer collects for a site. */
  buyerSiteId?: string | null | undefined;
  message?: string | undefined;
}
