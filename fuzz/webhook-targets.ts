/** The Stripe webhook: generated and mutated events, under valid and broken signatures. */
import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import type { Fixture } from './fixture.ts';
import { WEBHOOK_SECRET } from './fixture.ts';
import { applyMutation, hostileStrings, hostileStructures, mutationArb, toJson } from './hostile.ts';
import { anyString, type Case, encodeAny, rawPostBodies, type Target } from './target-kit.ts';

function sign(payload: string | Buffer, t: number, secret = WEBHOOK_SECRET): string {
  const mac = createHmac('sha256', secret).update(`${t}.`).update(payload).digest('hex');
  return `t=${t},v1=${mac}`;
}

export function webhookTargets(fixture: Fixture): Target[] {
  const tradeId = fc.oneof(
    fc.constantFrom(...fixture.knownIds),
    anyString,
    fc.constantFrom(...hostileStructures),
  );
  const objects = fc.oneof(
    fc.record({
      id: anyString,
      object: fc.constant('checkout.session'),
      amount_total: fc.oneof(fc.integer(), fc.constantFrom(...[null, -1, 2 ** 53, 1e308])),
      payment_intent: fc.oneof(anyString, fc.constant(null), fc.record({ id: anyString })),
      payment_status: fc.oneof(fc.constantFrom('paid', 'unpaid', 'no_payment_required'), anyString),
      client_reference_id: fc.option(tradeId),
      metadata: fc.option(fc.record({ tradeId })),
    }),
    fc.record({
      id: anyString,
      object: fc.constant('charge'),
      amount_captured: fc.integer(),
      amount_refunded: fc.oneof(fc.integer(), fc.constant(2 ** 53)),
      refunded: fc.boolean(),
      payment_intent: fc.oneof(anyString, fc.constant(null)),
      transfer_group: fc.option(tradeId),
      metadata: fc.option(fc.record({ tradeId })),
    }),
    fc.record({
      id: anyString,
      object: fc.constant('account'),
      charges_enabled: fc.boolean(),
      payouts_enabled: fc.boolean(),
      details_submitted: fc.boolean(),
    }),
  );
  const type = fc.constantFrom(
    'checkout.session.completed',
    'checkout.session.async_payment_succeeded',
    'checkout.session.expired',
    'charge.refunded',
    'account.updated',
    'payment_intent.succeeded',
    '__proto__',
  );
  const event = fc
    .record({
      id: fc.oneof(
        fc.uuid().map((u) => `evt_${u}`),
        anyString,
      ),
      object: fc.constant('event'),
      type,
      created: fc.oneof(fc.integer({ min: 0, max: 2 ** 31 }), fc.constantFrom(-1, 2 ** 53, 1e308)),
      livemode: fc.boolean(),
      data: fc.record({ object: objects }),
    })
    .chain((e) =>
      fc.oneof(
        { arbitrary: fc.constant<unknown>(e), weight: 2 },
        mutationArb(false).map((m) => applyMutation(e, m)),
      ),
    );
  const signature = fc.constantFrom(
    'valid',
    'valid',
    'valid',
    'none',
    'garbage',
    'stale',
    'future',
    'wrong secret',
    'many v1',
    'hostile',
  );
  const arbitrary = fc
    .tuple(
      fc.oneof({ arbitrary: event, weight: 4 }, { arbitrary: fc.constantFrom(...rawPostBodies), weight: 1 }),
      signature,
      fc.constantFrom(...hostileStrings),
    )
    .map(([e, sig, h]): Case => {
      const isRaw =
        e !== null &&
        typeof e === 'object' &&
        'name' in (e as object) &&
        'body' in (e as object) &&
        !('object' in (e as object));
      const body = isRaw ? (e as { body: string | Buffer }).body : (toJson(e) ?? '');
      const now = Math.floor(Date.now() / 1000);
      const header: Record<string, string> = {
        valid: sign(body, now),
        none: '',
        garbage: 't=abc,v1=zzz',
        stale: sign(body, now - 3600),
        future: sign(body, now + 10 ** 9),
        'wrong secret': sign(body, now, 'whsec_wrong'),
        'many v1': `t=${now},${Array.from({ length: 200 }, () => 'v1=00').join(',')}`,
        hostile: encodeAny(h).slice(0, 2000),
      };
      const contentType = isRaw
        ? ((e as { contentType?: string }).contentType ?? 'application/json')
        : 'application/json';
      return {
        role: 'anonymous',
        transport: `signature ${sig}${isRaw ? `; raw ${(e as { name: string }).name}` : ''}`,
        input: isRaw ? undefined : e,
        request: {
          method: 'POST',
          path: '/api/webhooks/stripe',
          headers: {
            ...(contentType ? { 'content-type': contentType } : {}),
            ...(header[sig] ? { 'stripe-signature': header[sig]! } : {}),
          },
          body,
        },
        checkFields: false,
      };
    });
  return [{ name: 'POST /api/webhooks/stripe', kind: 'http', arbitrary }];
}
