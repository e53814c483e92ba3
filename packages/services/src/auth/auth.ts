import type { Config } from '@retaille/config';
import { type DatabaseHandle, userRepository } from '@retaille/db';
import { betterAuth } from 'better-auth';
import type { Mailer } from '../mail/mailer.ts';
import { mailTemplates } from '../mail/templates.ts';
import { type Actor, anonymous, type UserActor } from './actor.ts';
import { RevokedSessions } from './revoked-sessions.ts';
import { SignInThrottle } from './sign-in-throttle.ts';
import { cookieCacheExpiry, type VerifiedSession, type VerifiedSessions } from './verified-sessions.ts';

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 128;
/**
 * How long a signed copy of the session in a cookie stands in for the database lookup. A session
 * deleted on another server still works here for at most this long (decision 014).
 */
export const SESSION_COOKIE_CACHE_SECONDS = 60;

/**
 * Accounts with better-auth on our Kysely database, mounted where the composition root says
 * (`basePath`, apps/server's AUTH_BASE_PATH; better-auth's own default `/api/auth` when absent): e-mail + password (scrypt, memory-hard),
 * e-mail verification and password reset by link through our mailer, database sessions behind an
 * httpOnly SameSite=Lax cookie (Secure in production) with a signed cookie cache of the session
 * (SESSION_COOKIE_CACHE_SECONDS), per-IP rate limits stored in the database. Every session deleted
 * through this process lands in `revoked`, which resolveActor checks.
 */
export function createAuth(deps: {
  config: Config;
  database: DatabaseHandle;
  mailer: Mailer;
  basePath?: string | undefined;
  revoked: RevokedSessions;
}) {
  const { config, database, mailer, revoked } = deps;
  const ipRule = { window: config.AUTH_IP_WINDOW_SECONDS, max: config.AUTH_IP_MAX_REQUESTS };
  return betterAuth({
    appName: 'Retaille',
    baseURL: config.publicUrl,
    ...(deps.basePath ? { basePath: deps.basePath } : {}),
    secret: config.authSecret,
    trustedOrigins: [config.publicUrl],
    database: { db: database.db as never, type: 'postgres' },
    telemetry: { enabled: false },
    user: { modelName: 'auth_user' },
    session: {
      modelName: 'auth_session',
      expiresIn: 60 * 60 * 24 * 30,
      updateAge: 60 * 60 * 24,
      cookieCache: { enabled: true, maxAge: SESSION_COOKIE_CACHE_SECONDS },
    },
    account: { modelName: 'auth_account' },
    verification: { modelName: 'auth_verification' },
    rateLimit: {
      enabled: true,
      storage: 'database',
      modelName: 'auth_rate_limit',
      window: 60,
      max: 600,
      customRules: {
        '/sign-in/email': ipRule,
        '/sign-up/email': ipRule,
        '/request-password-reset': ipRule,
        '/reset-password': ipRule,
        '/send-verification-email': ipRule,
      },
    },
    emailAndPassword: {
      enabled: true,
      requireEmailVerification: true,
      minPasswordLength: PASSWORD_MIN,
      maxPasswordLength: PASSWORD_MAX,
      resetPasswordTokenExpiresIn: 60 * 60,
      revokeSessionsOnPasswordReset: true,
      sendResetPassword: async ({ user, url }) => {
        await mailer.send(mailTemplates.resetPassword(user.email, user.name, url));
      },
      onExistingUserSignUp: async ({ user }) => {
        await mailer.send(
          mailTemplates.existingAccount(user.email, user.name, `${config.publicUrl}/connexion`),
        );
      },
    },
    emailVerification: {
      sendOnSignUp: true,
      sendOnSignIn: true,
      autoSignInAfterVerification: true,
      expiresIn: 60 * 60 * 24,
      sendVerificationEmail: async ({ user, url }) => {
        await mailer.send(mailTemplates.verifyEmail(user.email, user.name, url));
      },
    },
    advanced: {
      useSecureCookies: config.NODE_ENV === 'production',
      defaultCookieAttributes: { httpOnly: true, sameSite: 'lax' },
      // The server replaces this header with Fastify's idea of the client address.
      ipAddress: { ipAddressHeaders: ['x-forwarded-for'] },
    },
    databaseHooks: {
      session: {
        delete: {
          after: async (session) => {
            revoked.revoke(session.token);
          },
        },
      },
      user: {
        create: {
          after: async (user) => {
            await userRepository.ensureProfile(database.db, user.id);
          },
        },
      },
    },
  });
}

export type Auth = ReturnType<typeof createAuth>;

/**
 * Session → actor, with the platform roles and coordinator scope from the profile (one query; the
 * session itself comes from its signed cookie cache while fresh, and the same cookies verified
 * once are not verified again until that cache expires, see `VerifiedSessions`). A session this
 * process has deleted is refused even while its cookie cache is fresh. `setCookie` receives the
 * refreshed cookie cache, for the transport to send back.
 */
export async function resolveActor(
  auth: Auth,
  sessions: { revoked: RevokedSessions; verified: VerifiedSessions },
  database: DatabaseHandle,
  headers: Headers,
  setCookie?: (values: string[]) => void,
): Promise<Actor> {
  const session = await verifiedSession(auth, sessions.verified, headers, setCookie);
  if (!session || sessions.revoked.isRevoked(session.token)) return anonymous;
  const user = await userRepository.findUserWithProfile(database.db, session.userId);
  if (!user) return anonymous;
  return {
    kind: 'user',
    userId: user.id,
    email: user.email,
    name: user.name,
    emailVerified: user.emailVerified,
    roles: user.profile.roles,
    coordinatorScope: {
      departements: user.profile.coordinator_departements,
      regions: user.profile.coordinator_regions,
    },
  } satisfies UserActor;
}

/** The caller's session: kept from an earlier verification of the same cookies, or better-auth's answer. */
async function verifiedSession(
  auth: Auth,
  verified: VerifiedSessions,
  headers: Headers,
  setCookie?: (values: string[]) => void,
): Promise<VerifiedSession | undefined> {
  const cookie = headers.get('cookie');
  if (!cookie) return undefined;
  const known = verified.get(cookie);
  if (known) return known;
  const answer = await auth.api.getSession({ headers, returnHeaders: true }).catch(() => null);
  const found = answer?.response;
  if (!found) return undefined;
  const session = { userId: found.user.id, token: found.session.token };
  const cookies = answer.headers.getSetCookie();
  if (cookies.length > 0) {
    setCookie?.(cookies);
  } else {
    // Read from the fresh cookie cache (a lookup or a refresh sets a cookie): the same header gets
    // the same answer until the cache or the session expires.
    const cacheExpiry = cookieCacheExpiry(cookie);
    if (cacheExpiry !== undefined) {
      verified.remember(cookie, session, Math.min(cacheExpiry, new Date(found.session.expiresAt).getTime()));
    }
  }
  return session;
}

/**
 * The auth HTTP endpoint: better-auth's handler, with the sign-in throttle in front.
 * The transport passes a Web Request whose x-forwarded-for it has set to the client address.
 */
export function createAuthHandler(auth: Auth, throttle: SignInThrottle) {
  return async (request: Request): Promise<Response> => {
    const path = new URL(request.url).pathname;
    // The transport mounts this handler on the auth base path only: its sign-in endpoint is throttled.
    if (request.method !== 'POST' || !path.endsWith('/sign-in/email')) return auth.handler(request);
    const body = (await request
      .clone()
      .json()
      .catch(() => ({}))) as { email?: unknown } | null;
    // Any JSON is possible here (null, a number, an array): only an object's string e-mail counts.
    const email = typeof body === 'object' && typeof body?.email === 'string' ? body.email : '';
    if (!email) return auth.handler(request);
    const address = request.headers.get('x-forwarded-for') ?? 'unknown';
    const decision = await throttle.begin(email, address);
    if (decision.blocked) {
      return Response.json(
        {
          code: 'TOO_MANY_ATTEMPTS',
          message: 'Too many failed sign-in attempts. Try again later.',
          retryAfterSeconds: decision.retryAfterSeconds,
        },
        { status: 429, headers: { 'retry-after': String(decision.retryAfterSeconds) } },
      );
    }
    let response: Response | undefined;
    try {
      response = await auth.handler(request);
      return response;
    } finally {
      // 403 is better-auth's "e-mail not verified", answered only after the password matched.
      const outcome =
        response?.status === 401 ? 'failure' : response?.ok || response?.status === 403 ? 'success' : 'void';
      await throttle.settle(decision.ticket, outcome);
    }
  };
}

export { RevokedSessions, SignInThrottle };
