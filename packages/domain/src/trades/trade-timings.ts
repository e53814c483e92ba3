import { z } from 'zod';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** The keys a timed transition's `after` may name; each maps to one `TradeTimings` field. */
export const DELAY_KEYS = [
  'requestExpiry',
  'paymentExpiry',
  'receiptAutoConfirm',
  'completionDelay',
  'disputeAutoResolve',
] as const;
export type DelayKey = (typeof DELAY_KEYS)[number];

export interface TradeTimings {
  /** An unanswered request expires (7 days). */
  requestExpiryMs: number;
  /** An accepted paid trade that is not paid expires and releases its quantity (24 h). */
  paymentExpiryMs: number;
  /** After handover, receipt is confirmed for a silent buyer (7 days). */
  receiptAutoConfirmMs: number;
  /** Unsettled disputes are released to the seller (60 days). */
  disputeAutoResolveMs: number;
  /** Between receipt and completion, a window in which the buyer may still dispute (default 0: complete at once). */
  completionDelayMs?: number;
}

export const DEFAULT_TRADE_TIMINGS: Readonly<Required<TradeTimings>> = Object.freeze({
  requestExpiryMs: 7 * DAY_MS,
  paymentExpiryMs: 24 * HOUR_MS,
  receiptAutoConfirmMs: 7 * DAY_MS,
  disputeAutoResolveMs: 60 * DAY_MS,
  completionDelayMs: 0,
});

const delay = z.number().int().nonnegative();

/** For the config package: every delay in milliseconds, defaulting to the values above. */
export const tradeTimingsSchema = z.object({
  requestExpiryMs: delay.default(DEFAULT_TRADE_TIMINGS.requestExpiryMs),
  paymentExpiryMs: delay.default(DEFAULT_TRADE_TIMINGS.paymentExpiryMs),
  receiptAutoConfirmMs: delay.default(DEFAULT_TRADE_TIMINGS.receiptAutoConfirmMs),
  disputeAutoResolveMs: delay.default(DEFAULT_TRADE_TIMINGS.disputeAutoResolveMs),
  completionDelayMs: delay.default(DEFAULT_TRADE_TIMINGS.completionDelayMs),
});

export function delayMs(timings: TradeTimings, key: DelayKey): number {
  switch (key) {
    case 'requestExpiry':
      return timings.requestExpiryMs;
    case 'paymentExpiry':
      return timings.paymentExpiryMs;
    case 'receiptAutoConfirm':
      return timings.receiptAutoConfirmMs;
    case 'completionDelay':
      return timings.completionDelayMs ?? 0;
    case 'disputeAutoResolve':
      return timings.disputeAutoResolveMs;
    default: {
      const unknownKey: never = key;
      throw new Error(`Unknown delay key: ${String(unknownKey)}`);
    }
  }
}
