/** Gateway error codes the console explains in words (the stored `last_error` starts with one). */
const EXPLAINED = [
  'destination_not_ready',
  'insufficient_funds',
  'not_found',
  'refund_exceeds_payment',
  'amount_too_small',
  'authentication',
  'permission',
  'rate_limited',
  'connection',
  'stripe_unavailable',
] as const;
export type ExplainedPaymentError = (typeof EXPLAINED)[number] | 'other';

/**
 * The dictionary key of a money-owed row's last error: its leading gateway code when the console
 * explains it, `other` for anything else (the raw text stays visible beneath for the operator).
 */
export function paymentErrorKey(lastError: string): ExplainedPaymentError {
  const code = lastError.trim().split(/\s/, 1)[0] ?? '';
  return (EXPLAINED as readonly string[]).includes(code) ? (code as ExplainedPaymentError) : 'other';
}
