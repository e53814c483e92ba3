import type { TestServices } from '@retaille/services/testing';
import { createTestServices, createTestUser, TEST_PASSWORD } from '@retaille/services/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from './server.ts';
import { linkIn, TestClient } from './support.test-helpers.ts';

const ORIGIN = 'http://localhost:3000';
let services: TestServices;
let app: FastifyInstance;
// Added to the services' clock, so the throttle's window passes without sleeping.
let clockOffsetMs = 0;

beforeAll(async () => {
  services = await createTestServices(
    {
      PUBLIC_URL: ORIGIN,
      AUTH_SIGNIN_MAX_FAILURES: '5',
      AUTH_SIGNIN_WINDOW_SECONDS: '60',
      AUTH_IP_MAX_REQUESTS: '1000',
    },
    { now: () => new Date(Date.now() + clockOffsetMs) },
  );
  app = await buildServer({ config: services.config, services });
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await services.database.close();
});

const client = () => new TestClient(app, ORIGIN);
let n = 0;
const newEmail = () => `person${++n}-${Date.now()}@example.test`;

async function lastMailTo(email: string, kind: string) {
  const mails = await services.accounts.outbox({ kind: 'anonymous' }, email);
  const mail = mails.find((m) => m.kind === kind);
  if (!mail) throw new Error(`no ${kind} mail to ${email}: ${JSON.stringify(mails.map((m) => m.kind))}`);
  return mail;
}

describe('sign-up, verification, session', () => {
  it('signs up, must verify the e-mail from the outbox, then is signed in and creates a site', async () => {
    const c = client();
    const email = newEmail();
    const up = await c.auth('/sign-up/email', {
      name: 'Jeanne Menuisière',
      email,
      password: 'Copeaux-de-chene-42',
    });
    expect(up.statusCode).toBe(200);
    expect(c.hasSession).toBe(false);

    const early = await c.auth('/sign-in/email', { email, password: 'Copeaux-de-chene-42' });
    expect(early.statusCode).toBe(403);
    expect(early.json()).toMatchObject({ code: 'EMAIL_NOT_VERIFIED' });

    const mail = await lastMailTo(email, 'verify-email');
    expect(mail.subject).toContain('Confirmez votre adresse');
    const url = new URL(linkIn(mail.text));
    const verify = await c.request('GET', url.pathname + url.search);
    expect([200, 302]).toContain(verify.statusCode);
    expect(c.hasSession).toBe(true);

    const me = await c.query<{ email: string; emailVerified: boolean }>('account.me');
    expect(me.data).toMatchObject({ email, emailVerified: true });

    const site = await c.mutate<{ id: string; myRole: string; verified: boolean }>('sites.create', {
      name: 'Atelier Jeanne',
      address: '1 rue du Bois',
      postalCode: '88000',
      sectors: ['bois'],
      territoryType: 'small_medium_town',
    });
    expect(site.status).toBe(200);
    expect(site.data).toMatchObject({ myRole: 'owner', verified: false });

    // A coordinator signs in over HTTP and verifies it.
    const coordinator = await createTestUser(services, { roles: ['coordinator'], departements: ['88'] });
    const k = client();
    expect(
      (await k.auth('/sign-in/email', { email: coordinator.email, password: TEST_PASSWORD })).statusCode,
    ).toBe(200);
    const queue = await k.query<{ items: { id: string }[] }>('sites.list', { pendingVerification: true });
    expect(queue.data.items.map((s) => s.id)).toContain(site.data.id);
    const verified = await k.mutate<{ verified: boolean }>('sites.verify', { id: site.data.id });
    expect(verified.data.verified).toBe(true);

    await c.auth('/sign-out', {});
    expect((await c.query('account.me')).data).toBeNull();
  });

  it('answers a sign-up with an existing e-mail exactly like a new one, and tells the owner by e-mail', async () => {
    const existing = await createTestUser(services);
    const r = await client().auth('/sign-up/email', {
      name: 'X',
      email: existing.email,
      password: 'Autre-mot-de-passe-9',
    });
    const fresh = await client().auth('/sign-up/email', {
      name: 'X',
      email: newEmail(),
      password: 'Autre-mot-de-passe-9',
    });
    expect(r.statusCode).toBe(fresh.statusCode);
    expect(Object.keys(r.json() as object).sort()).toEqual(Object.keys(fresh.json() as object).sort());
    expect((await lastMailTo(existing.email, 'existing-account')).subject).toContain('déjà un compte');
  });

  it('refuses weak and too long passwords and malformed e-mails, creating nothing', async () => {
    const email = newEmail();
    const short = await client().auth('/sign-up/email', { name: 'A', email, password: 'court' });
    expect(short.statusCode).toBe(400);
    expect(short.json()).toMatchObject({ code: 'PASSWORD_TOO_SHORT' });
    const long = await client().auth('/sign-up/email', { name: 'A', email, password: 'x'.repeat(200) });
    expect(long.statusCode).toBe(400);
    const bad = await client().auth('/sign-up/email', {
      name: 'A',
      email: 'pas-un-email',
      password: 'Copeaux-de-chene-42',
    });
    expect(bad.statusCode).toBe(400);
    expect(await services.accounts.outbox({ kind: 'anonymous' }, email)).toEqual([]);
  });

  it('refuses tRPC mutations without the CSRF header', async () => {
    const user = await createTestUser(services);
    const c = client();
    await c.auth('/sign-in/email', { email: user.email, password: TEST_PASSWORD });
    const r = await c.mutate('account.updateProfile', { name: 'Nouveau' }, false);
    expect(r.status).toBe(403);
  });
});

describe('brute force', () => {
  it('throttles 20 wrong passwords in a row, and the right one works once the window has passed', async () => {
    const user = await createTestUser(services);
    const c = client();
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) {
      statuses.push(
        (await c.auth('/sign-in/email', { email: user.email, password: `wrong-password-${i}` })).statusCode,
      );
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5).every((s) => s === 429)).toBe(true);
    const blocked = await c.auth('/sign-in/email', { email: user.email, password: TEST_PASSWORD });
    expect(blocked.statusCode).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);

    clockOffsetMs += 60_100;
    const ok = await c.auth('/sign-in/email', { email: user.email, password: TEST_PASSWORD });
    expect(ok.statusCode).toBe(200);
    expect(c.hasSession).toBe(true);
  });

  it('gives the same answer for an unknown e-mail as for a wrong password', async () => {
    const user = await createTestUser(services);
    const wrong = await client().auth('/sign-in/email', { email: user.email, password: 'not-the-password' });
    const unknown = await client().auth('/sign-in/email', {
      email: newEmail(),
      password: 'not-the-password',
    });
    expect(wrong.statusCode).toBe(unknown.statusCode);
    expect(wrong.json()).toEqual(unknown.json());
  });
});

describe('password reset', () => {
  it('resets by a one-time link; the old password stops working; the link cannot be reused', async () => {
    const user = await createTestUser(services);
    const c = client();
    const req = await c.auth('/request-password-reset', {
      email: user.email,
      redirectTo: `${ORIGIN}/reinitialiser`,
    });
    expect(req.statusCode).toBe(200);
    const unknown = await c.auth('/request-password-reset', {
      email: newEmail(),
      redirectTo: `${ORIGIN}/reinitialiser`,
    });
    expect(unknown.statusCode).toBe(200);
    expect(unknown.json()).toEqual(req.json());

    const link = new URL(linkIn((await lastMailTo(user.email, 'reset-password')).text));
    const open = await c.request('GET', link.pathname + link.search);
    expect(open.statusCode).toBe(302);
    const token = new URL(open.headers.location as string).searchParams.get('token');
    expect(token).toBeTruthy();
    const reset = await c.auth('/reset-password', { token, newPassword: 'Nouveau-mot-de-passe-7' });
    expect(reset.statusCode).toBe(200);
    expect(
      (await client().auth('/sign-in/email', { email: user.email, password: TEST_PASSWORD })).statusCode,
    ).toBe(401);
    expect(
      (await client().auth('/sign-in/email', { email: user.email, password: 'Nouveau-mot-de-passe-7' }))
        .statusCode,
    ).toBe(200);
    const again = await c.auth('/reset-password', { token, newPassword: 'Encore-un-autre-8' });
    expect(again.statusCode).toBe(400);
  });
});
