import { httpStatusOf } from '@retaille/api';
import { isDomainError } from '@retaille/domain';
import type { Services } from '@retaille/services';
import type { FastifyInstance } from 'fastify';
import { STRIPE_CONNECT_WEBHOOK_PATH, STRIPE_WEBHOOK_PATH } from '../http-paths.ts';

export async function stripeWebhookRoutes(app: FastifyInstance, { services }: { services: Services }) {
  // Stripe webhooks: verified on the exact raw bytes, so this scope parses JSON bodies as a Buffer.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
  // Two Stripe endpoints, each verified with its own secret: platform events, Connect events.
  for (const [path, endpoint] of [
    [STRIPE_WEBHOOK_PATH, 'platform'],
    [STRIPE_CONNECT_WEBHOOK_PATH, 'connect'],
  ] as const) {
    app.post(path, async (req, reply) => {
      const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.from(String(req.body ?? ''));
      const signature = req.headers['stripe-signature'];
      try {
        const result = await services.trades.handleStripeWebhook(
          raw,
          Array.isArray(signature) ? signature[0] : signature,
          endpoint,
        );
        return { received: true, ...result };
      } catch (e) {
        // A forged or malformed event answers 400 and writes nothing; Stripe retries anything else.
        if (isDomainError(e) && e.code === 'VALIDATION') {
          const status = httpStatusOf(e);
          return reply.status(status).send({ error: { status, key: e.key } });
        }
        throw e;
      }
    });
  }
}
