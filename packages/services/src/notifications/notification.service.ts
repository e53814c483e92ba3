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
    const parsed = emailModeSchema.safeParse(chosen);
    return parsed.success ? parsed.data : defaultEmailMode(kind);
  }

  /**
   * Records a notice in the caller's transaction and, when the user wants it at once, queues its
   * e-mail there too. Returns false when this notice (its `dedupeKey`) was already recorded.
   */
  async notify(trx: Transaction<Database>, enqueue: Enqueue, notice: Notice): Promise<boolean> {
    const [user] = await notificationRepository.findNoticeUsers(trx, [notice.userId]);
    if (!user) return false;
    const mode = await this.modeFor(trx, notice.userId, notice.kind);
    const row = await notificationRepository.insertNotice(trx, {
      user_id: notice.userId,
      kind: notice.kind,
      dedupe_key: notice.dedupeKey,
      trade_id: notice.tradeId ?? null,
      trade_event_id: notice.tradeEventId ?? null,
      lot_id: notice.lotId ?? null,
      request_id: notice.requestId ?? null,
      payload: JSON.stringify(notice.data),
      email_mode: mode,
      created_at: this.deps.now(),
    });
    if (!row) return false;
    if (mode === 'immediate') {
      await this.deps.mailer.queue(trx, enqueue, this.mailOf(user.email, notice));
      await notificationRepository.markNoticesEmailed(trx, [row.id], this.deps.now());
    }
    return true;
  }

  /** `notify` in a transaction of its own (for callers outside one). */
  async notifyNow(notice: Notice): Promise<boolean> {
    return this.deps.jobs.transaction((trx, enqueue) => this.notify(trx, enqueue, notice));
  }

  private linkOf(notice: Pick<Notice, 'tradeId' | 'lotId' | 'requestId'> & { tourId?: unknown }): string {
    const base = this.deps.publicUrl;
    const links = this.deps.links;
    // A pooled tour's proposal is answered on the tour's page, not the trade's.
    if (typeof notice.tourId === 'string') return `${base}/tournees/${notice.tourId}`;
    if (notice.tradeId) return links ? links.tradePage(notice.tradeId) : `${base}/echanges/${notice.tradeId}`;
    if (notice.lotId) return links ? links.lotPage(notice.lotId) : `${base}/lots/${notice.lotId}`;
    return `${base}/notifications`;
  }

  unsubscribeUrl(userId: string, scope: UnsubscribeScope): string {
    return `${this.deps.publicUrl}/notifications/desabonnement?jeton=${this.deps.tokens.create(userId, scope)}`;
  }

  private mailOf(to: string, notice: Notice): OutgoingMail {
    const text = renderNotice(notice.kind, notice.data);
    const link = this.linkOf({ ...notice, tourId: notice.data.tourId });
    const scope = isPreferenceKind(notice.kind) ? notice.kind : 'all';
    const unsubscribe = this.unsubscribeUrl(notice.userId, scope);
    const settings = `${this.deps.publicUrl}/notifications/preferences`;
    return {
      kind: `notice:${notice.kind}`,
      to,
      subject: text.subject,
      text: [
        'Bonjour,',
        '',
        text.fr.what,
        '',
        `À faire : ${text.fr.next}`,
        `Voir l’échange : ${link}`,
        '',
        '— English below —',
        '',
        text.en.what,
        '',
        `Next: ${text.en.next}`,
        `Open: ${link}`,
        '',
        '--',
        'Retaille',
        `Ne plus recevoir ces e-mails / Unsubscribe: ${unsubscribe}`,
        `Préférences / Preferences: ${settings}`,
      ].join('\n'),
    };
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
    const notices = await this.deps.jobs.transaction(async (trx, enqueue) => {
      let n = 0;
      for (const t of targets) {
        const told = await this.notify(trx, enqueue, {
          userId: t.userId,
          kind: t.kind,
          dedupeKey: `trade-event:${event.eventId}:${t.userId}`,
          tradeId: event.tradeId,
          tradeEventId: event.eventId,
          lotId: event.lotId,
          data,
        });
        if (told) n++;
      }
      return n;
    });
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
        await this.deps.mailer.queue(trx, enqueue, {
          kind: 'notice-digest',
          to: items[0]!.email,
          subject: `Votre résumé du jour (${items.length}) — Your daily summary`,
          text: [
            'Bonjour,',
            '',
            `Ce qui s’est passé sur Retaille depuis hier (${items.length}) :`,
            ...lines.map((l) => l.fr),
            '',
            '— English below —',
            '',
            `What happened on Retaille since yesterday (${items.length}):`,
            ...lines.map((l) => l.en),
            '',
            '--',
            'Retaille',
            `Ne plus recevoir ces e-mails / Unsubscribe: ${this.unsubscribeUrl(userId, 'all')}`,
            `Préférences / Preferences: ${this.deps.publicUrl}/notifications/preferences`,
          ].join('\n'),
        });
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
