import { describe, expect, it } from 'vitest';
import { operationsFr as fr } from '../../i18n/operations.fr.ts';
import { paymentErrorKey } from './paymentError.ts';

describe('paymentErrorKey', () => {
  it('reads the leading gateway code of a stored error', () => {
    expect(
      paymentErrorKey('destination_not_ready Connected account acct_1 cannot receive transfers yet'),
    ).toBe('destination_not_ready');
    expect(paymentErrorKey('  connection socket hang up')).toBe('connection');
  });

  it('answers other for an unknown code, a code inside the text, or an empty error', () => {
    expect(paymentErrorKey('boom destination_not_ready')).toBe('other');
    expect(paymentErrorKey('Error: something')).toBe('other');
    expect(paymentErrorKey('')).toBe('other');
    expect(paymentErrorKey('constructor')).toBe('other');
  });

  it('has a French explanation for every key it can answer', () => {
    for (const code of ['destination_not_ready', 'insufficient_funds', 'not_found', 'other'] as const) {
      expect(fr.money.errors[code]).toBeTruthy();
    }
  });
});
