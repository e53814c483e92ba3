import type { TradeEventRow } from '@retaille/db';
import type { DisputeResolution } from '@retaille/domain';
import type { Actor } from '../auth/actor.ts';
import type { TradeDto, TradeMessageDto } from '../trades/trade.dto.ts';

/** What the console uses of the trades service: its public API only. */
export interface TradesPort {
  get(actor: Actor, id: string): Promise<TradeDto>;
  history(id: string): Promise<TradeEventRow[]>;
  listMessages(actor: Actor, id: string): Promise<TradeMessageDto[]>;
  resolveDispute(actor: Actor, id: string, resolution: DisputeResolution): Promise<TradeDto>;
  /** Runs the queued Stripe calls of one trade now. */
  runPaymentEffects(tradeId?: string): Promise<{ done: number; failed: number }>;
}
