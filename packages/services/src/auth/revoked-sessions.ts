/**
 * Session tokens this process has seen deleted (sign-out, password change or reset, revocation),
 * kept as long as a signed session cookie cache may still vouch for them. The cookie cache spares
 * the session lookup on each request; this list makes the revocation immediate on the server that
 * handled it. Other servers learn it when their cache expires: see
 * docs/decisions/014-session-cookie-cache.md.
 */
export class RevokedSessions {
  readonly #until = new Map<string, number>();

  constructor(
    private readonly ttlMs: number,
    private readonly clock: () => number = Date.now,
  ) {}

  revoke(token: string): void {
    const now = this.clock();
    for (const [t, until] of this.#until) if (until <= now) this.#until.delete(t);
    this.#until.set(token, now + this.ttlMs);
  }

  isRevoked(token: string): boolean {
    const until = this.#until.get(token);
    return until !== undefined && until > this.clock();
  }
}
