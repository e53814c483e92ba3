import { describe, expect, it } from 'vitest';
import { isTerminalState, quantityHold, TRADE_STATES } from './trade-states.ts';

describe('trade states', () => {
  it('knows which states are terminal', () => {
    expect(TRADE_STATES.filter(isTerminalState)).toEqual([
      'declined',
      'completed',
      'cancelled',
      'expired',
      'resolved',
    ]);
  });

  it('reserves the quantity from acceptance until handover, then consumes it', () => {
    const by = (hold: string) => TRADE_STATES.filter((s) => quantityHold(s) === hold);
    expect(by('reserved')).toEqual([
      'payment_pending',
      'accepted',
      'paid',
      'pickup_proposed',
      'pickup_scheduled',
    ]);
    expect(by('consumed')).toEqual(['handed_over', 'received', 'completed', 'disputed', 'resolved']);
    expect(by('none')).toEqual(['initial', 'requested', 'declined', 'cancelled', 'expired']);
  });
});

describe('an unknown state is a programming error, named in the message', () => {
  it.each([
    ['isTerminalState', isTerminalState],
    ['quantityHold', quantityHold],
  ] as const)('%s', (_name, fn) => {
    expect(() => fn('teleported' as never)).toThrow(new Error('Unhandled trade state: teleported'));
  });
});
