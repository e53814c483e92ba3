import { describe, expect, it } from 'vitest';
import { AUTOMATIC_PAYMENT_ATTEMPTS, paymentAttemptsExhausted } from './trade-effects.ts';

describe('paymentAttemptsExhausted', () => {
  it('keeps retrying a failed payout until it has used its automatic attempts', () => {
    expect(AUTOMATIC_PAYMENT_ATTEMPTS).toBe(5);
    expect(paymentAttemptsExhausted({ status: 'failed', attempt: AUTOMATIC_PAYMENT_ATTEMPTS })).toBe(false);
    expect(paymentAttemptsExhausted({ status: 'failed', attempt: AUTOMATIC_PAYMENT_ATTEMPTS + 1 })).toBe(
      true,
    );
  });
  it('never stops a pending or done effect, whatever its count', () => {
    expect(paymentAttemptsExhausted({ status: 'pending', attempt: 99 })).toBe(false);
    expect(paymentAttemptsExhausted({ status: 'done', attempt: 99 })).toBe(false);
  });
});
