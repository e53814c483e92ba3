import { type DatabaseHandle, signInThrottleRepository, type ThrottleRow } from '@retaille/db';

export interface ThrottlePolicy {
  maxFailures: number;
  windowMs: number;
}

export type ThrottleDecision = { blocked: false } | { blocked: true; retryAfterSeconds: number };

/** Pure: is this key blocked now? */
export function decide(row: ThrottleRow | undefined, now: Date): ThrottleDecision {
  if (!row?.blocked_until || row.blocked_until <= now) return { blocked: false };
  return {
    blocked: true,
    retryAfterSeconds: Math.ceil((row.blocked_until.getTime() - now.getTime()) / 1000),
  };
}

/** Pure: the row after one more failure. A fixed window; reaching the maximum blocks until it ends. */
export function afterFailure(
  row: ThrottleRow | undefined,
  key: string,
  now: Date,
  p: ThrottlePolicy,
): ThrottleRow {
  const fresh = !row || now.getTime() - row.window_started_at.getTime() >= p.windowMs;
  const start = fresh ? now : row.window_started_at;
  const failures = (fresh ? 0 : row.failures) + 1;
  return {
    key,
    failures,
    window_started_at: start,
    blocked_until: failures >= p.maxFailures ? new Date(start.getTime() + p.windowMs) : null,
  };
}

/**
 * Per-account brute-force protection on sign-in (the per-IP limit is better-auth's). Keyed by the
 * normalised e-mail whether or not an account exists, so the answer reveals nothing.
 */
export class SignInThrottle {
  constructor(
    private readonly db: DatabaseHandle['db'],
    private readonly policy: ThrottlePolicy,
    private readonly now: () => Date,
  ) {}

  private key(email: string) {
    return `email:${email.trim().toLowerCase()}`;
  }

  async check(email: string): Promise<ThrottleDecision> {
    return decide(await signInThrottleRepository.findThrottle(this.db, this.key(email)), this.now());
  }

  async recordFailure(email: string): Promise<void> {
    const key = this.key(email);
    const row = await signInThrottleRepository.findThrottle(this.db, key);
    await signInThrottleRepository.saveThrottle(this.db, afterFailure(row, key, this.now(), this.policy));
  }

  async reset(email: string): Promise<void> {
    await signInThrottleRepository.deleteThrottle(this.db, this.key(email));
  }
}
