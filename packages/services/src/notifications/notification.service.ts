import { type Database, type DatabaseHandle, notificationRepository, type Transaction } from '@retaille/db';
import {
  concernsAvailableLot,
  DomainError,
  defaultEmailMode,
  type EmailMode,
  emailModeSchema,
  isPreferenceKind,
  NOTIFICATION_KINDS,
  type NotificationKind,
  needsAction,
  PREFERENCE_KINDS,
  type PreferenceKind,
  parisDate,
  tradeNotices,
} from '@retaille/domain';
import type { Actor } from '../auth/actor.ts';
import { requireUser } from '../auth/policy.ts';
import type { Enqueue, JobTransactions } from '../jobs/job-queue.ts';
import type { Mailer, OutgoingMail } from '../mail/mailer.ts';
import { digestMail, type NoticeLinkTarget, noticeLink, noticeMail } from './notice-mail.ts';
import { type NoticeData, renderNotice } from './notice-text.ts';
import { cursorOf, parseCursor } from './notification-cursor.ts';
import type { UnsubscribeScope, UnsubscribeTokens } from './unsubscribe-token.ts';

/** One notice to one user. */
export interface Notice {
  userId: string;
  kind: NotificationKind;
  /**
   * One notice per key, ever: a retried job or a repeated call records and e-mails nothing more.
   * Build it from the ids of what is told, e.g. `trade-event:<eventId>:<userId>`.
   */
  dedupeKey: string;
  tradeId?: string | null;
  tradeEventId?: string | null;
  lotId?: string | null;
  requestId?: string | null;
  /** What the bell, the e-mail and the digest show (see notice-text.ts). */
  data: NoticeData;
}

export interface NoticeDto {
  id: string;
  kind: NotificationKind;
  tradeId: string | null;
  requestId: string | null;
  lotId: string | null;
  payload: Record<string, unknown>;
  read: boolean;
  createdAt: string;
}

/** The job `trade.notify`: one per trade event, queued with the state change. */
export interface TradeNotifyJob {
  tradeId: string;
  eventId: string;
  event: string;
}

export type TradeNotifyOutcome =
  | { status: 'sent'; notices: number }
  | { status: 'skipped'; reason: 'unknown_event' | 'nobody' };

const PAGE_MAX = 50;

/** A user's mode for a kind: the one they chose, when valid, else the kind's default. */
function modeOf(kind: NotificationKind, chosen: string | undefined) {
  const parsed = emailModeSchema.safeParse(chosen);
  return parsed.success ? parsed.data : defaultEmailMode(kind);
}

/** The digest goes out from this hour (Paris time): one e-mail at the end of the working day. */
export const DIGEST_HOUR_PARIS = 17;

function parisHour(at: Date): number {
  return Number(
    new Intl.DateTimeFormat('en-GB', { hour: '2-digit', hourCycle: 'h23', timeZone: 'Europe/Paris' }).format(
      at,
    ),
  );
}

/**
 * Notices: recorded in-app, e-mailed at once or in a daily digest per the user's preference for
 * their kind, each exactly once (a unique key per notice, recorded in the same transaction as
 * its e-mail). Trade events reach it through the `trade.notify` job (`handleTradeEvent`).
 */
export class NotificationService {
  constructor(
    private readonly deps: {
      db: DatabaseHandle['db'];
      mailer: Mailer;
      jobs: JobTransactions;
      publicUrl: string;
      tokens: UnsubscribeTokens;
      now: () => Date;
      /** The web pages a notice links to (the `Links` port); paths under `publicUrl` when absent. */
      links?: { tradePage(tradeId: string): string; lotPage(lotId: string): string };
    },
  ) {}

  // ── Writing notices ──────────────────────────────────────────────────────────────────────

  /** The user's mode for a kind: their preference, else the kind's default. */
  async modeFor(db: Transaction<Database> | DatabaseHandle['db'], userId: string, kind: NotificationKind) {
    const chosen = isPreferenceKind(kind)
      ? await notificationRepository.findPreference(db, userId, kind)
      : undefined;
    return modeOf(kind, chosen);
  }

  /**
   * Records a notice in the caller's transaction and, when the user wants it at once, queues its
   * e-mail there too. Returns false when this notice (its `dedupeKey`) was already recorded.
   */
  async notify(trx: Transaction<Database>, enqueue: Enqueue, notice: Notice): Promise<boolean> {
    return (await this.notifyAll(trx, enqueue, [notice])) > 0;
  }

  /**
   * `notify` for several notices in a fixed number of statements, whatever their number (the
   * members of a seller site): the users, their modes, the notices, the e-mails, the marks.
   * Returns how many were recorded now (a `dedupeKey` already recorded counts for nothing).
   */
  async notifyAll(trx: Transaction<Database>, enqueue: Enqueue, notices: readonly Notice[]): Promise<number> {
    if (notices.length === 0) return 0;
    const users = new Map(
      (
        await notificationRepository.findNoticeUsers(
          trx,
          notices.map((n) => n.userId),
        )
      ).map((u) => [u.id, u]),
    );
    const known = notices.filter((n) => users.has(n.userId));
    const kinds = [...new Set(known.map((n) => n.kind).filter(isPreferenceKind))];
    const chosen = new Map(
      (
        await notificationRepository.findPreferences(
          trx,
          known.map((n) => n.userId),
          kinds,
        )
      ).map((p) => [`${p.user_id} ${p.kind}`, p.mode]),
    );
    const modeOfNotice = (n: Notice) =>
      modeOf(n.kind, isPreferenceKind(n.kind) ? chosen.get(`${n.userId} ${n.kind}`) : undefined);
    const now = this.deps.now();
    const recorded = await notificationRepository.insertNotices(
      trx,
      known.map((n) => ({
        user_id: n.userId,
        kind: n.kind,
        dedupe_key: n.dedupeKey,
        trade_id: n.tradeId ?? null,
        trade_event_id: n.tradeEventId ?? null,
        lot_id: n.lotId ?? null,
        request_id: n.requestId ?? null,
        payload: JSON.stringify(n.data),
        email_mode: modeOfNotice(n),
        created_at: now,
      })),
    );
    const recordedByKey = new Map(recorded.map((r) => [r.dedupe_key, r]));
    const mails: OutgoingMail[] = [];
    const emailed: string[] = [];
    for (const n of known) {
      const row = recordedByKey.get(n.dedupeKey);
      // The same dedupe key twice in one call: one notice, one e-mail.
      if (row?.email_mode !== 'immediate' || emailed.includes(row.id)) continue;
      mails.push(this.mailOf(users.get(n.userId)!.email, n));
      emailed.push(row.id);
    }
    if (mails.length > 0) {
      await this.deps.mailer.queue(trx, enqueue, mails);
      await notificationRepository.markNoticesEmailed(trx, emailed, this.deps.now());
    }
    return recorded.length;
  }

  /** `notify` in a transaction of its own (for callers outside one). */
  async notifyNow(notice: Notice): Promise<boolean> {
    return this.deps.jobs.transaction((trx, enqueue) => this.notify(trx, enqueue, notice));
  }

  unsubscribeUrl(userId: string, scope: UnsubscribeScope): string {
    return `${this.deps.publicUrl}/notifications/desabonnement?jeton=${this.deps.tokens.create(userId, scope)}`;
  }

  private linkOf(notice: NoticeLinkTarget): string {
    return noticeLink(this.deps, notice);
  }

  private mailOf(to: string, notice: Notice): OutgoingMail {
    return noticeMail(to, notice, {
      link: this.linkOf({ ...notice, tourId: notice.data.tourId }),
      unsubscribe: this.unsubscribeUrl(notice.userId, isPreferenceKind(notice.kind) ? notice.kind : 'all'),
      settings: `${this.deps.publicUrl}/notifications/preferences`,
    });
  }

  // ── Trade events ─────────────────────────────────────────────────────────────────────────

  /**
   * The `trade.notify` job: tells the parties of one trade event. Idempotent: each notice is keyed
   * by event × recipient, so a retried job records and e-mails nothing twice. Skipped, never sent
   * wrong: a notice asking to act on a trade that has moved on since, a notice about a lot that was
   * withdrawn, and anyone who is no longer a member of the seller site.
   */
  async handleTradeEvent(job: TradeNotifyJob): Promise<TradeNotifyOutcome> {
    const db = this.deps.db;
    const event = await notificationRepository.findTradeEventContext(db, job.eventId);
    if (!event || event.tradeId !== job.tradeId) return { status: 'skipped', reason: 'unknown_event' };
    const movedOn = (event.lastSeq ?? event.seq) > event.seq;
    const lotGone = event.lotStatus === 'withdrawn';
    const params = (event.params ?? {}) as Record<string, unknown>;
    const slot = params.slot as { start?: unknown; end?: unknown } | undefined;
    const data: NoticeData = {
      transition: event.transition,
      lotTitle: event.lotTitle,
      siteName: event.siteName,
      buyerName: event.buyerName,
      quantity: event.quantity,
      unit: event.unit,
      totalCents: event.totalCents,
      slotStart: typeof slot?.start === 'string' ? slot.start : (event.pickupStart?.toISOString() ?? null),
      slotEnd: typeof slot?.end === 'string' ? slot.end : (event.pickupEnd?.toISOString() ?? null),
      grams: typeof params.grams === 'number' ? params.grams : null,
      reason: typeof params.reason === 'string' ? params.reason.slice(0, 300) : null,
      refundCents: typeof params.refundCents === 'number' ? params.refundCents : null,
    };
    const actorUserId = event.actorUserId;
    const plans = tradeNotices(event).filter(
      (n) => !(needsAction(n.kind) && movedOn) && !(concernsAvailableLot(n.kind) && lotGone),
    );
    const targets: { userId: string; kind: (typeof plans)[number]['kind'] }[] = [];
    for (const plan of plans) {
      const users =
        plan.to === 'buyer'
          ? await notificationRepository.findNoticeUsers(db, [event.buyerUserId])
          : plan.to === 'seller'
            ? await notificationRepository.siteMemberUsers(db, event.sellerSiteId)
            : await notificationRepository.operatorUsers(db);
      for (const u of users) {
        if (u.id === actorUserId || targets.some((t) => t.userId === u.id)) continue;
        targets.push({ userId: u.id, kind: plan.kind });
      }
    }
    if (targets.length === 0) return { status: 'skipped', reason: 'nobody' };
    const notices = await this.deps.jobs.transaction((trx, enqueue) =>
      this.notifyAll(
        trx,
        enqueue,
        targets.map((t) => ({
          userId: t.userId,
          kind: t.kind,
          dedupeKey: `trade-event:${event.eventId}:${t.userId}`,
          tradeId: event.tradeId,
          tradeEventId: event.eventId,
          lotId: event.lotId,
          data,
        })),
      ),
    );
    return { status: 'sent', notices };
  }

  // ── Daily digest ─────────────────────────────────────────────────────────────────────────

  /**
   * One e-mail per user per day (Paris), from 17:00, listing the notices they chose to get in the
   * digest; a notice arriving after that day's digest waits for the next one. The claim, the
   * e-mail and the marks commit together: safe to run on every tick.
   */
  async sendDigests(now: Date = this.deps.now()): Promise<{ emails: number; notices: number }> {
    if (parisHour(now) < DIGEST_HOUR_PARIS) return { emails: 0, notices: 0 };
    const today = parisDate(now);
    const pending = await notificationRepository.pendingDigestNotices(this.deps.db, 5000);
    const byUser = new Map<string, typeof pending>();
    for (const n of pending) byUser.set(n.user_id, [...(byUser.get(n.user_id) ?? []), n]);
    let emails = 0;
    let notices = 0;
    for (const [userId, items] of byUser) {
      const lines = items.map((n) => {
        const text = renderNotice(n.kind as NotificationKind, n.payload as NoticeData);
        const link = this.linkOf({ tradeId: n.trade_id, lotId: n.lot_id, tourId: n.payload.tourId });
        return { fr: `- ${text.summary.fr}\n  ${link}`, en: `- ${text.summary.en}\n  ${link}` };
      });
      const sent = await this.deps.jobs.transaction(async (trx, enqueue) => {
        if (!(await notificationRepository.claimUserDigest(trx, userId, today, items.length))) return false;
        await this.deps.mailer.queue(
          trx,
          enqueue,
          digestMail(items[0]!.email, lines, {
            unsubscribe: this.unsubscribeUrl(userId, 'all'),
            settings: `${this.deps.publicUrl}/notifications/preferences`,
          }),
        );
        await notificationRepository.markNoticesEmailed(
          trx,
          items.map((n) => n.id),
          now,
        );
        return true;
      });
      if (!sent) continue;
      emails++;
      notices += items.length;
    }
    return { emails, notices };
  }

  // ── Reading, for the signed-in user ──────────────────────────────────────────────────────

  async list(actor: Actor, options: { cursor?: string | null | undefined; limit?: number | undefined } = {}) {
    const user = requireUser(actor);
    const limit = Math.min(Math.max(options.limit ?? 20, 1), PAGE_MAX);
    const before = options.cursor ? parseCursor(options.cursor) : undefined;
    const rows = await notificationRepository.listNotices(this.deps.db, user.userId, {
      limit: limit + 1,
      before,
    });
    const page = rows.slice(0, limit);
    const unread = await notificationRepository.countUnread(this.deps.db, user.userId);
    return {
      unread,
      items: page.map(
        (n): NoticeDto => ({
          id: n.id,
          kind: (NOTIFICATION_KINDS as readonly string[]).includes(n.kind)
            ? (n.kind as NotificationKind)
            : 'lot_matches_request',
          tradeId: n.trade_id,
          requestId: n.request_id,
          lotId: n.lot_id,
          payload: n.payload as Record<string, unknown>,
          read: n.read_at !== null,
          createdAt: n.created_at.toISOString(),
        }),
      ),
      nextCursor: rows.length > limit ? cursorOf(page[page.length - 1]!) : null,
    };
  }

  /** The bell's count and the trades icon's badge. */
  async summary(actor: Actor): Promise<{ unread: number; tradesWaitingOnMe: number }> {
    const user = requireUser(actor);
    const [unread, tradesWaitingOnMe] = await Promise.all([
      notificationRepository.countUnread(this.deps.db, user.userId),
      notificationRepository.countTradesWaitingOn(this.deps.db, user.userId),
    ]);
    return { unread, tradesWaitingOnMe };
  }

  async markRead(actor: Actor, ids: string[] | 'all'): Promise<void> {
    const user = requireUser(actor);
    await notificationRepository.markRead(this.deps.db, user.userId, ids, this.deps.now());
  }

  // ── Preferences ──────────────────────────────────────────────────────────────────────────

  async preferences(actor: Actor): Promise<{ kind: PreferenceKind; mode: EmailMode; isDefault: boolean }[]> {
    const user = requireUser(actor);
    const chosen = new Map(
      (await notificationRepository.listPreferences(this.deps.db, user.userId)).map((p) => [p.kind, p.mode]),
    );
    return PREFERENCE_KINDS.map((kind) => {
      const mode = emailModeSchema.safeParse(chosen.get(kind));
      return mode.success
        ? { kind, mode: mode.data, isDefault: false }
        : { kind, mode: defaultEmailMode(kind), isDefault: true };
    });
  }

  async setPreferences(actor: Actor, changes: { kind: PreferenceKind; mode: EmailMode }[]) {
    const user = requireUser(actor);
    await notificationRepository.upsertPreferences(this.deps.db, user.userId, changes, this.deps.now());
    return this.preferences(actor);
  }

  /**
   * An unsubscribe link, without signing in: the signed token says whose preference and which
   * kind (or every kind) stop being e-mailed. Anything else is refused.
   */
  async unsubscribe(token: string): Promise<{ scope: UnsubscribeScope }> {
    const found = this.deps.tokens.verify(token);
    if (!found) throw new DomainError('VALIDATION', 'notifications.badUnsubscribeToken');
    const [user] = await notificationRepository.findNoticeUsers(this.deps.db, [found.userId]);
    if (!user) throw new DomainError('VALIDATION', 'notifications.badUnsubscribeToken');
    const kinds = found.scope === 'all' ? [...PREFERENCE_KINDS] : [found.scope];
    await notificationRepository.upsertPreferences(
      this.deps.db,
      found.userId,
      kinds.map((kind) => ({ kind, mode: 'in_app' })),
      this.deps.now(),
    );
    return { scope: found.scope };
  }
}
