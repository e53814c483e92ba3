import { SESSION_COOKIE_CACHE_SECONDS } from '@retaille/services';
import type { TestServices } from '@retaille/services/testing';
import { createTestServices, createTestUser, TEST_PASSWORD } from '@retaille/services/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildServer } from './server.ts';
import { TestClient } from './support.test-helpers.ts';

// The signed session cookie cache (decision 014): the session lookup is skipped while the cache is
// fresh, yet a sign-out, a password change or a revocation ends the session at once on this server.
const ORIGIN = 'http://localhost:3000';
let services: TestServices;
let app: FastifyInstance;

beforeAll(async () => {
  services = await createTestServices({ PUBLIC_URL: ORIGIN, AUTH_IP_MAX_REQUESTS: '1000' });
  app = await buildServer({ config: services.config, services });
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await services.database.close();
});

async function signedIn(email?: string): Promise<{ c: TestClient; email: string }> {
  const user = await createTestUser(services, email ? { email } : {});
  const c = new TestClient(app, ORIGIN);
  const r = await c.auth('/sign-in/email', { email: user.email, password: TEST_PASSWORD });
  expect(r.statusCode).toBe(200);
  return { c, email: user.email };
}

const me = async (c: TestClient) => (await c.query<{ email: string } | null>('account.me')).data;

describe('session cookie cache', () => {
  it('is set at sign-in and stands in for the session lookup while fresh', async () => {
    const { c, email } = await signedIn();
    expect(c.cookieNames.some((n) => n.includes('session_data'))).toBe(true);
    // Deleted behind better-auth's back, as another server would: the cache still vouches for it.
    await services.database.db.deleteFrom('auth_session').execute();
    expect(await me(c)).toMatchObject({ email });
    // Without the cache, the lookup finds no session.
    c.forget('session_data');
    expect(await me(c)).toBeNull();
  });

  it('is sent back by a tRPC call that had to look the session up', async () => {
    const { c, email } = await signedIn();
    c.forget('session_data');
    const r = await c.request('GET', '/trpc/account.me');
    expect(r.statusCode).toBe(200);
    expect([r.headers['set-cookie'] ?? []].flat().some((v) => v.includes('session_data='))).toBe(true);
    expect(await me(c)).toMatchObject({ email });
  });

  it('verifies the same cookies once while their cache is fresh, and again once it has expired', async () => {
    const { c, email } = await signedIn();
    const getSession = vi.spyOn(services.auth.api, 'getSession');
    try {
      for (let i = 0; i < 3; i++) expect(await me(c)).toMatchObject({ email });
      expect(getSession).toHaveBeenCalledTimes(1);
      // Other cookies beside them: another header, verified on its own.
      const other = c.copy();
      other.set('theme', 'dark');
      expect(await me(other)).toMatchObject({ email });
      expect(getSession).toHaveBeenCalledTimes(2);
      // Past the cache's minute the same header is verified again (and the session looked up).
      vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + (SESSION_COOKIE_CACHE_SECONDS + 1) * 1000 });
      expect(await me(c)).toMatchObject({ email });
      expect(getSession).toHaveBeenCalledTimes(3);
    } finally {
      vi.useRealTimers();
      getSession.mockRestore();
    }
  });

  it('does not outlive a sign-out: a copy of the cookies is anonymous at once', async () => {
    const { c, email } = await signedIn();
    const stolen = c.copy();
    expect(await me(stolen)).toMatchObject({ email });
    expect((await c.auth('/sign-out', {})).statusCode).toBe(200);
    expect(await me(c)).toBeNull();
    expect(await me(stolen)).toBeNull();
    expect((await stolen.mutate('sites.create', {})).status).toBe(401);
  });

  it('does not outlive a password change that revokes the other sessions', async () => {
    const { c, email } = await signedIn();
    const other = new TestClient(app, ORIGIN);
    await other.auth('/sign-in/email', { email, password: TEST_PASSWORD });
    expect(await me(other)).toMatchObject({ email });
    const changed = await c.auth('/change-password', {
      currentPassword: TEST_PASSWORD,
      newPassword: 'Un-autre-mot-de-passe-7',
      revokeOtherSessions: true,
    });
    expect(changed.statusCode).toBe(200);
    expect(await me(other)).toBeNull();
    expect(await me(c)).toMatchObject({ email });
  });

  it('does not outlive the revocation of one session from another', async () => {
    const { c, email } = await signedIn();
    const other = new TestClient(app, ORIGIN);
    await other.auth('/sign-in/email', { email, password: TEST_PASSWORD });
    const sessions = (await c.request('GET', '/api/auth/list-sessions')).json() as {
      token: string;
    }[];
    expect(sessions).toHaveLength(2);
    expect((await c.auth('/revoke-other-sessions', {})).statusCode).toBe(200);
    expect(await me(other)).toBeNull();
    expect(await me(c)).toMatchObject({ email });
  });
});
