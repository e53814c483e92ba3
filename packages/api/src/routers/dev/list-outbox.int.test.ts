import { anonymous, type Services } from '@retaille/services';
import { createTestServices, createTestUser } from '@retaille/services/testing';
import { describe, expect, it } from 'vitest';
import { appRouter } from '../../router.ts';
import { createCallerFactory } from '../../trpc.ts';

const createCaller = createCallerFactory(appRouter);
const PRODUCTION_SECRET = 'a-production-secret-of-at-least-32-characters';

/**
 * Services under `config`, holding one password-reset mail in the outbox (no SMTP configured).
 * The outbox shows such links, so it answers only on a loopback HOST outside production.
 */
async function withResetMail<T>(
  config: Record<string, string>,
  body: (services: Services, to: string) => Promise<T>,
): Promise<T> {
  const services = await createTestServices(config);
  try {
    const to = `reset-${Math.random().toString(36).slice(2)}@example.test`;
    await services.mailer.send({
      to,
      subject: 'Réinitialiser votre mot de passe',
      text: 'http://127.0.0.1:3000/reinitialiser?token=secret-token',
      kind: 'reset-password',
    });
    return await body(services, to);
  } finally {
    await services.database.close();
  }
}

describe('dev.outbox (the development mail outbox)', () => {
  it('answers anyone on a loopback HOST outside production, where it is the only way to read mail', async () => {
    await withResetMail({ HOST: '127.0.0.1' }, async (services, to) => {
      const anon = createCaller({ services, actor: anonymous });
      const mails = await anon.dev.outbox({ to });
      expect(mails).toHaveLength(1);
      expect(mails[0]!.text).toContain('token=secret-token');
    });
  });

  it.each([
    ['NODE_ENV=production', { NODE_ENV: 'production', AUTH_SECRET: PRODUCTION_SECRET }],
    ['HOST=0.0.0.0 (reachable from other machines)', { HOST: '0.0.0.0' }],
    ['HOST=192.168.1.20', { HOST: '192.168.1.20' }],
  ])(
    'is refused (NOT_FOUND) with %s, to visitors and signed-in users alike; admins still read it',
    async (_, config) => {
      await withResetMail(config, async (services, to) => {
        const anon = createCaller({ services, actor: anonymous });
        await expect(anon.dev.outbox({ to })).rejects.toMatchObject({ code: 'NOT_FOUND' });
        await expect(anon.dev.outbox({})).rejects.toMatchObject({ code: 'NOT_FOUND' });
        const user = createCaller({ services, actor: await createTestUser(services) });
        await expect(user.dev.outbox({ to })).rejects.toMatchObject({ code: 'NOT_FOUND' });
        // By design an operator may read it anywhere (someone stuck without mail).
        const admin = createCaller({
          services,
          actor: await createTestUser(services, { roles: ['admin'] }),
        });
        expect(await admin.dev.outbox({ to })).toHaveLength(1);
      });
    },
  );
});
