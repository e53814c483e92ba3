import type { TFunction } from 'i18next';

/**
 * better-auth's REST endpoints (same origin, httpOnly cookies). Its errors are `{ code, message }`
 * in English: the codes are translated here through i18n, never shown raw.
 */
export type AuthResult =
  | { ok: true; data: unknown }
  | { ok: false; status: number; code: string; retryAfterSeconds: number | null };

export async function authPost(path: string, body: Record<string, unknown>): Promise<AuthResult> {
  let response: Response;
  try {
    response = await fetch(`/api/auth${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      credentials: 'same-origin',
    });
  } catch {
    return { ok: false, status: 0, code: 'NETWORK', retryAfterSeconds: null };
  }
  const data = (await response.json().catch(() => null)) as {
    code?: unknown;
    retryAfterSeconds?: unknown;
  } | null;
  if (response.ok) return { ok: true, data };
  const header = response.headers.get('retry-after') ?? response.headers.get('x-retry-after');
  const retryAfterSeconds =
    typeof data?.retryAfterSeconds === 'number'
      ? data.retryAfterSeconds
      : header
        ? Number(header) || null
        : null;
  const code =
    response.status === 429
      ? 'TOO_MANY_ATTEMPTS'
      : typeof data?.code === 'string'
        ? data.code
        : `HTTP_${response.status}`;
  return { ok: false, status: response.status, code, retryAfterSeconds };
}

/** Codes we have a sentence for; anything else reads as a generic failure. */
const known = new Set([
  'INVALID_EMAIL_OR_PASSWORD',
  'EMAIL_NOT_VERIFIED',
  'PASSWORD_TOO_SHORT',
  'PASSWORD_TOO_LONG',
  'INVALID_EMAIL',
  'INVALID_TOKEN',
  'TOKEN_EXPIRED',
  'USER_NOT_FOUND',
  'NETWORK',
]);

/** A failed auth call as a sentence in the user's language. */
export function authErrorMessage(result: Extract<AuthResult, { ok: false }>, t: TFunction): string {
  if (result.code === 'TOO_MANY_ATTEMPTS') {
    if (result.retryAfterSeconds && result.retryAfterSeconds > 0) {
      return t('auth.errors.tooManyIn', { count: Math.max(1, Math.ceil(result.retryAfterSeconds / 60)) });
    }
    return t('auth.errors.tooMany');
  }
  if (known.has(result.code)) return t(`auth.errors.${result.code}`);
  return t('auth.errors.generic');
}

export const authApi = {
  signUp: (input: { name: string; email: string; password: string; callbackURL: string }) =>
    authPost('/sign-up/email', input),
  signIn: (input: { email: string; password: string; callbackURL: string }) =>
    authPost('/sign-in/email', { ...input, rememberMe: true }),
  sendVerification: (input: { email: string; callbackURL: string }) =>
    authPost('/send-verification-email', input),
  requestReset: (email: string) =>
    authPost('/request-password-reset', { email, redirectTo: `${window.location.origin}/reinitialiser` }),
  resetPassword: (token: string, newPassword: string) => authPost('/reset-password', { token, newPassword }),
};

/** Where an e-mail verification link lands; keeps the page to go back to afterwards. */
export function verificationCallback(returnTo: string | null): string {
  return returnTo ? `/verification-ok?retour=${encodeURIComponent(returnTo)}` : '/verification-ok';
}
