import type { Database, DatabaseHandle, TradeRow, Transaction } from '@retaille/db';
import {
  DomainError,
  type PriceBreakdown,
  priceTrade,
  type TradeActor,
  type TradeTimings,
} from '@retaille/domain';
import type { PaymentGateway } from '@retaille/payments';
import type { JobTransactions } from '../jobs/job-queue.ts';
import type { Links } from '../ports/links.ts';

export type Trx = Transaction<Database>;
/** A caller's side of a trade (the system is never a caller). */
export type Role = Exclude<TradeActor, 'system'>;

/** What the trade use cases are given by the composition. */
export interface TradeServiceDeps {
  db: DatabaseHandle['db'];
  gateway: PaymentGateway;
  /** Every transition's transaction: it queues the `trade.notify` job with the change. */
  jobs: JobTransactions;
  links: Links;
  timings: Required<TradeTimings>;
  platformFeeBps: number;
  now: () => Date;
  /** Writes the impact record of a completing trade, inside the completing transaction. */
  recordImpact?: (trx: Trx, trade: TradeRow, completedAt: Date) => Promise<unknown>;
  /** Refuses a trade on a hidden lot, a suspended site or account (the operator console's moderation). */
  assertMayTrade?: (subjects: { lotId: string; siteId: string; userIds: readonly string[] }) => Promise<void>;
}

/** What a transition or an effect changes on the trade row, in the row's own (read) types. */
export type TradeChanges = Partial<Omit<TradeRow, 'id' | 'version' | 'created_at' | 'updated_at'>>;

/** A trade message or a request's note: at most this many characters. */
export const MESSAGE_MAX_LENGTH = 2000;

export function conflict(key: string, details: Record<string, unknown> = {}): DomainError {
  return new DomainError('CONFLICT', key, details);
}

export function fieldError(path: string, key: string, params?: Record<string, string | number>): DomainError {
  return new DomainError('VALIDATION', key, { fields: [{ path, key, ...(params ? { params } : {}) }] });
}

/** The price breakdown the trade was created with, recomputed from its stored inputs. */
export function breakdownOf(trade: TradeRow): PriceBreakdown {
  return priceTrade({
    unitPriceCents: trade.unit_price_cents,
    quantity: trade.quantity,
    platformFeeBps: trade.platform_fee_bps,
    sellerVatRateBps: trade.vat_rate_bps,
  });
}
