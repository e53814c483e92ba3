import { createHmac, timingSafeEqual } from 'node:crypto';
import { isPreferenceKind, type PreferenceKind } from '@retaille/domain';

/** What an unsubscribe link may change: one kind of notice, or every e-mail. */
export type UnsubscribeScope = PreferenceKind | 'all';

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64url');

/**
 * Unsubscribe links work without signing in: the token names the user and the scope and is
 * signed with a key derived from the app's secret, so it changes that user's preference only.
 */
export class UnsubscribeTokens {
  private readonly key: Buffer;

  constructor(secret: string) {
    this.key = createHmac('sha256', secret).update('retaille:notifications:unsubscribe').digest();
  }

  private sign(body: string): string {
    return createHmac('sha256', this.key).update(body).digest('base64url');
  }

  create(userId: string, scope: UnsubscribeScope): string {
    const body = b64(`${userId}\n${scope}`);
    return `${body}.${this.sign(body)}`;
  }

  /** The user and scope of a genuine token; null for anything else. */
  verify(token: string): { userId: string; scope: UnsubscribeScope } | null {
    const [body, signature, ...rest] = token.split('.');
    if (!body || !signature || rest.length > 0) return null;
    const expected = Buffer.from(this.sign(body));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
    const [userId, scope, ...more] = Buffer.from(body, 'base64url').toString('utf8').split('\n');
    if (!userId || !scope || more.length > 0) return null;
    if (scope !== 'all' && !isPreferenceKind(scope)) return null;
    return { userId, scope };
  }
}
