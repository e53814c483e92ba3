import { isIP } from 'node:net';
import { type DatabaseHandle, signInThrottleRepository } from '@retaille/db';

export interface SignInThrottlePolicy {
  /** Per account × client address: a few failures, then exponential back-off. */
  perAddress: { maxFailures: number; windowMs: number; maxBlockMs: number };
  /** Per account, all addresses together: a higher ceiling against a distributed guess. */
  perAccount: { maxFailures: number; windowMs: number };
}

export type ThrottleDecision =
  | { blocked: false; ticket: SignInTicket }
  | { blocked: true; retryAfterSeconds: number };

/** The keys one allowed attempt was counted on, to settle once its outcome is known. */
export interface SignInTicket {
  readonly pairKey: string;
  readonly accountKey: string;
}

/** How an allowed attempt ended: a wrong password, the right one, or neither (malformed, error…). */
export type SignInOutcome = 'failure' | 'success' | 'void';

/**
 * Pure: the part of a client address that one attacker controls as a whole: the address itself
 * for IPv4 (IPv4-mapped IPv6 included), the /64 network for IPv6, since one subscriber usually
 * gets a whole /64.
 */
export function addressKey(address: string): string {
  const a = address.trim().toLowerCase();
  const mapped = a.match(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/);
  if (mapped) return mapped[1]!;
  if (isIP(a) !== 6) return a;
  const [head = '', tail] = a.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups =
    tail === undefined ? left : [...left, ...Array(8 - left.length - right.length).fill('0'), ...right];
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

/**
 * Brute-force protection on sign-in, in front of better-auth's per-address request limit. Each
 * attempt is counted BEFORE the password is checked, in one atomic statement per key, so N
 * simultaneous guesses cannot all slip under the limit; its outcome then settles the count.
 *
 * Two keys, both by the normalised e-mail whether or not an account exists (the answer reveals
 * nothing): account × client address, with back-off, so that a stranger failing from elsewhere
 * never locks the owner out of their own address; and the account alone, with a higher ceiling,
 * so that a guess spread over many addresses still stops.
 */
export class SignInThrottle {
  constructor(
    private readonly db: DatabaseHandle['db'],
    private readonly policy: SignInThrottlePolicy,
    private readonly now: () => Date,
  ) {}

  private keys(email: string, address: string): SignInTicket {
    const account = email.trim().toLowerCase();
    return { pairKey: `signin:${account}|${addressKey(address)}`, accountKey: `signin:${account}` };
  }

  /** Counts the attempt, or refuses it (nothing is counted then). */
  async begin(email: string, address: string): Promise<ThrottleDecision> {
    const ticket = this.keys(email, address);
    const now = this.now();
    const { perAddress, perAccount } = this.policy;
    const pair = await signInThrottleRepository.recordAttempt(this.db, ticket.pairKey, now, {
      kind: 'backoff',
      max: perAddress.maxFailures,
      windowMs: perAddress.windowMs,
      maxBlockMs: perAddress.maxBlockMs,
    });
    if (!pair.allowed) return refused(pair.blockedUntil, now);
    const account = await signInThrottleRepository.recordAttempt(this.db, ticket.accountKey, now, {
      kind: 'fixed',
      max: perAccount.maxFailures,
      windowMs: perAccount.windowMs,
    });
    if (!account.allowed) {
      await signInThrottleRepository.refundAttempt(this.db, ticket.pairKey, now);
      return refused(account.blockedUntil, now);
    }
    return { blocked: false, ticket };
  }

  /**
   * Forgets the keys that no longer weigh on any attempt (older than the longest window, any block
   * over); the periodic tick calls it so that the table holds only the recent attempts.
   */
  async prune(): Promise<number> {
    const longest = Math.max(this.policy.perAddress.windowMs, this.policy.perAccount.windowMs);
    return signInThrottleRepository.deleteStaleThrottles(this.db, new Date(this.now().getTime() - longest));
  }

  /** A failure stays counted; a success clears the account × address key; anything else is refunded. */
  async settle(ticket: SignInTicket, outcome: SignInOutcome): Promise<void> {
    if (outcome === 'failure') return;
    const now = this.now();
    if (outcome === 'success') await signInThrottleRepository.deleteThrottle(this.db, ticket.pairKey);
    else await signInThrottleRepository.refundAttempt(this.db, ticket.pairKey, now);
    await signInThrottleRepository.refundAttempt(this.db, ticket.accountKey, now);
  }
}

function refused(until: Date, now: Date): ThrottleDecision {
  return {
    blocked: true,
    retryAfterSeconds: Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000)),
  };
}
