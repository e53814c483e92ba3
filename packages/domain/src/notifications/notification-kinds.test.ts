import { describe, expect, it } from 'vitest';
import { TRANSITIONS } from '../trades/trade-machine.ts';
import {
  defaultEmailMode,
  NOTIFICATION_KINDS,
  needsAction,
  PREFERENCE_KINDS,
  TRADE_NOTIFICATION_KINDS,
  tradeNotices,
} from './notification-kinds.ts';

describe('tradeNotices', () => {
  it.each([
    ['request', 'requested', 'buyer', [['seller', 'trade_requested']]],
    ['accept', 'accepted', 'seller', [['buyer', 'trade_accepted']]],
    ['accept', 'payment_pending', 'seller', [['buyer', 'trade_payment_due']]],
    ['decline', 'declined', 'seller', [['buyer', 'trade_declined']]],
    ['withdraw_request', 'cancelled', 'buyer', [['seller', 'trade_withdrawn']]],
    ['mark_paid', 'paid', 'system', [['seller', 'trade_paid']]],
    ['propose_pickup', 'pickup_proposed', 'buyer', [['seller', 'pickup_proposed']]],
    ['propose_pickup', 'pickup_proposed', 'seller', [['buyer', 'pickup_proposed']]],
    ['agree_pickup', 'pickup_scheduled', 'buyer', [['seller', 'pickup_agreed']]],
    ['cancel', 'cancelled', 'seller', [['buyer', 'trade_cancelled']]],
    [
      'cancel',
      'cancelled',
      'operator',
      [
        ['buyer', 'trade_cancelled'],
        ['seller', 'trade_cancelled'],
      ],
    ],
    ['hand_over', 'handed_over', 'seller', [['buyer', 'trade_handed_over']]],
    ['auto_confirm_receipt', 'received', 'system', [['seller', 'trade_received']]],
    [
      'open_dispute',
      'disputed',
      'buyer',
      [
        ['seller', 'trade_disputed'],
        ['operators', 'trade_disputed'],
      ],
    ],
  ])('%s → %s by %s', (transition, toState, actorRole, expected) => {
    expect(tradeNotices({ transition, toState, actorRole }).map((n) => [n.to, n.kind])).toEqual(expected);
  });

  it('tells somebody of every transition, and never the party who acted', () => {
    for (const row of TRANSITIONS) {
      for (const actorRole of row.actor) {
        const notices = tradeNotices({ transition: row.name, toState: row.to, actorRole });
        expect(notices.length, `${row.name} by ${actorRole}`).toBeGreaterThan(0);
        expect(notices.some((n) => n.to === actorRole)).toBe(false);
      }
    }
    expect(tradeNotices({ transition: 'nonsense', toState: 'x', actorRole: 'buyer' })).toEqual([]);
  });
});

describe('default e-mail modes', () => {
  it('e-mails at once what needs the recipient to act, and only that', () => {
    expect(defaultEmailMode('trade_requested')).toBe('immediate');
    expect(defaultEmailMode('trade_payment_due')).toBe('immediate');
    expect(defaultEmailMode('pickup_proposed')).toBe('immediate');
    expect(defaultEmailMode('trade_disputed')).toBe('immediate');
    expect(defaultEmailMode('trade_accepted')).toBe('in_app');
    expect(defaultEmailMode('trade_completed')).toBe('in_app');
    expect(defaultEmailMode('lot_matches_search')).toBe('digest');
    for (const kind of NOTIFICATION_KINDS) expect(typeof needsAction(kind)).toBe('boolean');
  });

  it('offers a preference for every trade kind', () => {
    for (const kind of TRADE_NOTIFICATION_KINDS) expect(PREFERENCE_KINDS).toContain(kind);
  });
});
