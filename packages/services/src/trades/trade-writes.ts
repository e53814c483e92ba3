import { ledgerRepository, lotRepository, type TradeRow, tradeRepository } from '@retaille/db';
import {
  DomainError,
  type JournalEntry,
  moveLotQuantity,
  type QuantityMove,
  type RefundReason,
} from '@retaille/domain';
import type { Trx } from './trade-context.ts';

/** Appends a journal entry once (its key is its idempotency key). */
export async function post(trx: Trx, entry: JournalEntry, now: Date): Promise<void> {
  await ledgerRepository.appendEntry(
    trx,
    { key: entry.key, tradeId: entry.tradeId, event: entry.event, postings: entry.postings },
    now,
  );
}

/** Queues a Stripe refund, run after commit with the key `refund:<tradeId>:<seq>`. */
export async function queueRefund(
  trx: Trx,
  trade: TradeRow,
  amountCents: number,
  reason: RefundReason,
  now: Date,
  paymentIntentId: string | null = trade.payment_intent_id,
): Promise<void> {
  await tradeRepository.insertPaymentEffect(
    trx,
    { tradeId: trade.id, kind: 'refund', amountCents, reason, paymentIntentId },
    now,
  );
}

/** Changes the lot's reserved/sold quantities under its row lock; never oversells. */
export async function moveQuantity(trx: Trx, trade: TradeRow, move: QuantityMove): Promise<void> {
  const lot = await lotRepository.lockLot(trx, trade.lot_id);
  if (!lot) throw new DomainError('NOT_FOUND', 'lot.notFound');
  const moved = moveLotQuantity(
    { quantity: lot.quantity, reserved: lot.quantity_reserved, sold: lot.quantity_sold, status: lot.status },
    trade.quantity,
    move,
  );
  await lotRepository.updateLot(trx, lot.id, {
    quantity_reserved: moved.reserved,
    quantity_sold: moved.sold,
    status: moved.status,
  });
}
