import { mailOutboxRepository, membershipRepository, notificationRepository } from '@retaille/db';
import { DomainError } from '@retaille/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UserActor } from '../auth/actor.ts';
import {
  createTestServices,
  createTestSite,
  createTestUser,
  lotInput,
  type TestServices,
} from '../testing/test-services.ts';

let s: TestServices;
let seller: UserActor;
let colleague: UserActor;
let admin: UserActor;
let siteId: string;
const HOUR = 3_600_000;

/** `trade.notify` jobs the transitions queued, not run yet: here the worker runs when `tell` says. */
const queuedNotices: unknown[] = [];

beforeAll(async () => {
  s = await createTestServices();
  s.jobs.rebind('trade.notify', async (job) => {
    queuedNotices.push(job);
  });
  seller = await createTestUser(s, { name: 'Atelier Dupont' });
  colleague = await createTestUser(s, { name: 'Collègue' });
  admin = await createTestUser(s, { roles: ['admin'], name: 'Opératrice' });
  siteId = (await createTestSite(s, seller, { name: 'Menuiserie du Rhône' })).id;
  await membershipRepository.addMember(s.database.db, siteId, colleague.userId, 'member');
});
afterAll(async () => {
  await s.database.close();
});

/**
 * Runs the `trade.notify` job for every event of the trade, as a late worker would (after all the
 * transitions of the test), and as often as it is called (retries).
 */
async function tell(tradeId: string) {
  const outcomes = [];
  for (const e of await s.trades.history(tradeId)) {
    outcomes.push(await s.notifications.handleTradeEvent({ tradeId, eventId: e.id, event: e.transition }));
  }
  return outcomes;
}

async function noticesOf(user: UserActor, tradeId?: string) {
  const page = await s.notifications.list(user, { limit: 50 });
  return page.items.filter((n) => !tradeId || n.tradeId === tradeId);
}

async function mailsTo(user: UserActor) {
  return mailOutboxRepository.listMail(s.database.db, { to: user.email, limit: 100 });
}

async function newTrade(buyer: UserActor, lotOverrides: Record<string, unknown> = {}) {
  const lot = await s.lots.create(seller, lotInput(siteId, { title: 'Planches de chêne', ...lotOverrides }));
  const trade = await s.trades.request(buyer, { lotId: lot.id, quantity: 2 });
  return { lot, trade };
}

describe('trade events → notices', () => {
  it('a request tells every member of the seller site at once, in-app and by e-mail, exactly once', async () => {
    const buyer = await createTestUser(s, { name: 'Designer Martin' });
    const { trade } = await newTrade(buyer);
    const sellerMailsBefore = (await mailsTo(seller)).length;
    await tell(trade.id);
    await tell(trade.id); // a retried job
    await Promise.all([tell(trade.id), tell(trade.id)]); // the same job twice at once

    for (const member of [seller, colleague]) {
      const notices = await noticesOf(member, trade.id);
      expect(notices.map((n) => n.kind)).toEqual(['trade_requested']);
      expect(notices[0]!.payload).toMatchObject({
        lotTitle: 'Planches de chêne',
        buyerName: 'Designer Martin',
      });
      expect(notices[0]!.read).toBe(false);
    }
    const mails = (await mailsTo(seller)).filter((m) => m.text_body.includes(trade.id));
    expect(mails).toHaveLength(1);
    expect((await mailsTo(seller)).length).toBe(sellerMailsBefore + 1);
    const mail = mails[0]!;
    expect(mail.subject).toContain('Nouvelle demande');
    expect(mail.text_body).toContain('Designer Martin demande 2 piece de votre lot « Planches de chêne »');
    expect(mail.text_body).toContain('Acceptez ou refusez');
    expect(mail.text_body).toContain(`${s.config.publicUrl}/echanges/${trade.id}`);
    expect(mail.text_body).toMatch(/notifications\/desabonnement\?jeton=[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/);
    // The buyer acted: told of nothing.
    expect(await noticesOf(buyer, trade.id)).toEqual([]);
    expect((await s.notifications.summary(seller)).tradesWaitingOnMe).toBeGreaterThanOrEqual(1);
  });

  it('follows a free trade to its end: who is told of what, and what is e-mailed by default', async () => {
    const buyer = await createTestUser(s);
    const { trade } = await newTrade(buyer);
    await s.trades.accept(seller, trade.id);
    const start = new Date(Date.now() + 2 * 24 * HOUR);
    await s.trades.proposePickup(buyer, trade.id, { start, end: new Date(start.getTime() + HOUR) });
    await s.trades.agreePickup(colleague, trade.id);
    await s.trades.handOver(seller, trade.id, '12.5');
    await s.trades.confirmReceipt(buyer, trade.id);
    await tell(trade.id);
    await tell(trade.id);

    // The test clock completes a received trade at once (no completion delay): both are told.
    const completed = (await s.trades.history(trade.id)).some((e) => e.transition === 'complete');
    const ending = completed ? ['trade_completed'] : [];
    expect((await noticesOf(buyer, trade.id)).map((n) => n.kind).sort()).toEqual(
      ['pickup_agreed', 'trade_accepted', 'trade_handed_over', ...ending].sort(),
    );
    // The seller's side: the receipt; the request and the proposal were answered already (moved on).
    expect((await noticesOf(seller, trade.id)).map((n) => n.kind).sort()).toEqual(
      [...ending, 'trade_received'].sort(),
    );
    // In-app only by default: nothing needing the buyer to act was e-mailed.
    expect((await mailsTo(buyer)).filter((m) => m.text_body.includes(trade.id))).toEqual([]);
    const handedOver = (await noticesOf(buyer, trade.id)).find((n) => n.kind === 'trade_handed_over')!;
    expect(handedOver.payload).toMatchObject({ grams: 12500 });
  });

  it('a proposed slot waiting for an answer is e-mailed to the other party', async () => {
    const buyer = await createTestUser(s);
    const { trade } = await newTrade(buyer);
    await s.trades.accept(seller, trade.id);
    const start = new Date(Date.now() + 3 * 24 * HOUR);
    await s.trades.proposePickup(seller, trade.id, { start, end: new Date(start.getTime() + HOUR) });
    await tell(trade.id);
    const mails = (await mailsTo(buyer)).filter((m) => m.text_body.includes(trade.id));
    expect(mails.map((m) => m.subject)).toEqual([
      'Créneau de retrait à confirmer — Pickup slot to confirm : Planches de chêne',
    ]);
    expect(mails[0]!.text_body).toContain('Confirmez ce créneau');
    expect((await s.notifications.summary(buyer)).tradesWaitingOnMe).toBe(1);
  });

  it('declines, withdrawals, cancellations and disputes reach the other side (and the operators)', async () => {
    const buyer = await createTestUser(s);
    const declined = (await newTrade(buyer)).trade;
    await s.trades.decline(seller, declined.id);
    const withdrawn = (await newTrade(buyer)).trade;
    await s.trades.cancel(buyer, withdrawn.id);
    const cancelled = (await newTrade(buyer)).trade;
    await s.trades.accept(seller, cancelled.id);
    await s.trades.cancel(seller, cancelled.id);
    const disputed = (await newTrade(buyer)).trade;
    await s.trades.accept(seller, disputed.id);
    await s.trades.handOver(seller, disputed.id, '3');
    await s.trades.openDispute(buyer, disputed.id, 'Planches fendues');
    await s.trades.resolveDispute(admin, disputed.id, { kind: 'release' });
    for (const t of [declined, withdrawn, cancelled, disputed]) await tell(t.id);

    expect((await noticesOf(buyer, declined.id)).map((n) => n.kind)).toEqual(['trade_declined']);
    expect((await noticesOf(seller, withdrawn.id)).map((n) => n.kind)).toEqual(['trade_withdrawn']);
    expect((await noticesOf(buyer, cancelled.id)).map((n) => n.kind).sort()).toEqual([
      'trade_accepted',
      'trade_cancelled',
    ]);
    expect((await noticesOf(seller, cancelled.id)).map((n) => n.kind)).toEqual([]);
    // The dispute: moved on by the resolution, so the call to act is not sent late; the outcome is.
    expect((await noticesOf(seller, disputed.id)).map((n) => n.kind)).toEqual(['dispute_resolved']);
    expect((await noticesOf(buyer, disputed.id)).map((n) => n.kind).sort()).toEqual([
      'dispute_resolved',
      'trade_accepted',
      'trade_handed_over',
    ]);
    expect((await noticesOf(admin, disputed.id)).map((n) => n.kind)).toEqual([]);
  });

  it('an open dispute is e-mailed to the seller site and the operators', async () => {
    const buyer = await createTestUser(s);
    const { trade } = await newTrade(buyer);
    await s.trades.accept(seller, trade.id);
    await s.trades.handOver(seller, trade.id, '3');
    await s.trades.openDispute(buyer, trade.id, 'Pas du chêne');
    await tell(trade.id);
    for (const u of [seller, colleague, admin]) {
      expect((await noticesOf(u, trade.id)).map((n) => n.kind)).toContain('trade_disputed');
      const mail = (await mailsTo(u)).find((m) => m.text_body.includes(trade.id));
      expect(mail?.subject).toContain('Litige ouvert');
      expect(mail?.text_body).toContain('Pas du chêne');
    }
  });
});

describe('skipped, never sent wrong', () => {
  it('no call to act on a request whose lot was withdrawn, nor on one already answered', async () => {
    const buyer = await createTestUser(s);
    const { lot, trade } = await newTrade(buyer);
    await s.lots.setStatus(seller, lot.id, 'withdraw');
    const answered = (await newTrade(buyer)).trade;
    await s.trades.accept(seller, answered.id);
    await tell(trade.id);
    await tell(answered.id);
    expect(await noticesOf(seller, trade.id)).toEqual([]);
    expect(await noticesOf(seller, answered.id)).toEqual([]);
    expect((await mailsTo(seller)).filter((m) => m.text_body.includes(trade.id))).toEqual([]);
    expect((await noticesOf(buyer, answered.id)).map((n) => n.kind)).toEqual(['trade_accepted']);
  });

  it('a member who left the seller site is not told', async () => {
    const gone = await createTestUser(s);
    await membershipRepository.addMember(s.database.db, siteId, gone.userId, 'member');
    const buyer = await createTestUser(s);
    const { trade } = await newTrade(buyer);
    await s.memberships.setRole(seller, siteId, gone.userId, null);
    await tell(trade.id);
    expect(await noticesOf(gone, trade.id)).toEqual([]);
    expect(await noticesOf(seller, trade.id)).toHaveLength(1);
  });

  it('a job naming an event of another trade, or no event, does nothing', async () => {
    const buyer = await createTestUser(s);
    const a = (await newTrade(buyer)).trade;
    const b = (await newTrade(buyer)).trade;
    const [event] = await s.trades.history(a.id);
    expect(
      await s.notifications.handleTradeEvent({ tradeId: b.id, eventId: event!.id, event: 'request' }),
    ).toEqual({ status: 'skipped', reason: 'unknown_event' });
    expect(
      await s.notifications.handleTradeEvent({
        tradeId: b.id,
        eventId: '00000000-0000-4000-8000-000000000000',
        event: 'request',
      }),
    ).toEqual({ status: 'skipped', reason: 'unknown_event' });
    expect(await noticesOf(seller, a.id)).toEqual([]);
  });
});

describe('preferences, digest and unsubscribe', () => {
  it('in-app only, immediate and daily digest, per kind and per user', async () => {
    const buyer = await createTestUser(s);
    const other = await createTestUser(s);
    await s.notifications.setPreferences(buyer, [
      { kind: 'trade_accepted', mode: 'immediate' },
      { kind: 'trade_declined', mode: 'digest' },
    ]);
    const prefs = await s.notifications.preferences(buyer);
    expect(prefs.find((p) => p.kind === 'trade_accepted')).toEqual({
      kind: 'trade_accepted',
      mode: 'immediate',
      isDefault: false,
    });
    expect(prefs.find((p) => p.kind === 'trade_requested')).toMatchObject({
      mode: 'immediate',
      isDefault: true,
    });
    expect((await s.notifications.preferences(other)).find((p) => p.kind === 'trade_accepted')?.mode).toBe(
      'in_app',
    );

    const accepted = (await newTrade(buyer)).trade;
    await s.trades.accept(seller, accepted.id);
    const declined = (await newTrade(buyer)).trade;
    await s.trades.decline(seller, declined.id);
    await tell(accepted.id);
    await tell(declined.id);
    const mails = async () => (await mailsTo(buyer)).map((m) => m.subject);
    expect(await mails()).toEqual(['Demande acceptée — Request accepted : Planches de chêne']);

    // The digest: not before 17:00 (Paris), then one e-mail listing the declined request, once a
    // day however often the tick runs.
    const day = new Date();
    const at = (hourUtc: number) =>
      new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), hourUtc, 30));
    expect(await s.notifications.sendDigests(at(10))).toEqual({ emails: 0, notices: 0 });
    expect((await mailsTo(buyer)).filter((m) => m.kind === 'notice-digest')).toEqual([]);
    const first = await s.notifications.sendDigests(at(17));
    expect(first.emails).toBeGreaterThanOrEqual(1);
    expect(await s.notifications.sendDigests(at(17))).toEqual({ emails: 0, notices: 0 });
    const digest = (await mailsTo(buyer)).find((m) => m.kind === 'notice-digest')!;
    expect(digest.subject).toContain('Votre résumé du jour (1)');
    expect(digest.text_body).toContain('a refusé votre demande pour « Planches de chêne »');
    expect(digest.text_body).toContain(`/echanges/${declined.id}`);
    expect(digest.text_body).toContain('desabonnement?jeton=');
    // A notice for the digest arriving after today's digest waits for tomorrow's.
    const later = (await newTrade(buyer)).trade;
    await s.trades.decline(seller, later.id);
    await tell(later.id);
    expect(await s.notifications.sendDigests(at(21))).toEqual({ emails: 0, notices: 0 });
    expect((await mailsTo(buyer)).filter((m) => m.kind === 'notice-digest')).toHaveLength(1);
    // The next day's digest carries it.
    const tomorrow = new Date(at(17).getTime() + 24 * HOUR);
    expect((await s.notifications.sendDigests(tomorrow)).emails).toBeGreaterThanOrEqual(1);
    const digests = (await mailsTo(buyer)).filter((m) => m.kind === 'notice-digest');
    expect(digests).toHaveLength(2);
    expect(digests.some((m) => m.text_body.includes(`/echanges/${later.id}`))).toBe(true);
  });

  it('the unsubscribe link of an e-mail turns that kind to in-app for its recipient only', async () => {
    const buyer = await createTestUser(s);
    const bystander = await createTestUser(s);
    const { trade } = await newTrade(buyer);
    await tell(trade.id);
    const mail = (await mailsTo(seller)).find((m) => m.text_body.includes(trade.id))!;
    const token = /jeton=([A-Za-z0-9_.-]+)/.exec(mail.text_body)![1]!;
    expect(await s.notifications.unsubscribe(token)).toEqual({ scope: 'trade_requested' });
    expect((await s.notifications.preferences(seller)).find((p) => p.kind === 'trade_requested')?.mode).toBe(
      'in_app',
    );
    expect((await s.notifications.preferences(bystander)).every((p) => p.isDefault)).toBe(true);

    // Signed for the seller: rewriting the user inside it breaks the signature.
    const [, signature] = token.split('.');
    const forged = `${Buffer.from(`${bystander.userId}\nall`).toString('base64url')}.${signature}`;
    for (const bad of [forged, `${token}x`, 'nope', '']) {
      await expect(s.notifications.unsubscribe(bad)).rejects.toBeInstanceOf(DomainError);
    }
    // From now on a request reaches the seller in-app only.
    const next = (await newTrade(buyer)).trade;
    await tell(next.id);
    expect((await noticesOf(seller, next.id)).map((n) => n.kind)).toEqual(['trade_requested']);
    expect((await mailsTo(seller)).filter((m) => m.text_body.includes(next.id))).toEqual([]);
    await s.notifications.setPreferences(seller, [{ kind: 'trade_requested', mode: 'immediate' }]);
  });
});

describe('the list', () => {
  it('pages by cursor without repeats, counts unread, marks only the caller’s own notices read', async () => {
    const user = await createTestUser(s);
    const stranger = await createTestUser(s);
    for (let i = 0; i < 25; i++) {
      await s.notifications.notifyNow({
        userId: user.userId,
        kind: 'trade_paid',
        dedupeKey: `test:${user.userId}:${i}`,
        data: { lotTitle: `Lot ${i}` },
      });
    }
    expect(
      await s.notifications.notifyNow({
        userId: user.userId,
        kind: 'trade_paid',
        dedupeKey: `test:${user.userId}:0`,
        data: { lotTitle: 'again' },
      }),
    ).toBe(false);
    const first = await s.notifications.list(user, { limit: 20 });
    expect(first.items).toHaveLength(20);
    expect(first.unread).toBe(25);
    const second = await s.notifications.list(user, { limit: 20, cursor: first.nextCursor });
    expect(second.items).toHaveLength(5);
    expect(second.nextCursor).toBeNull();
    const ids = [...first.items, ...second.items].map((n) => n.id);
    expect(new Set(ids).size).toBe(25);

    await s.notifications.markRead(stranger, ids);
    expect((await s.notifications.summary(user)).unread).toBe(25);
    await s.notifications.markRead(user, ids.slice(0, 5));
    expect((await s.notifications.summary(user)).unread).toBe(20);
    await s.notifications.markRead(user, 'all');
    expect((await s.notifications.summary(user)).unread).toBe(0);

    await expect(s.notifications.list(user, { cursor: 'bm9wZQ' })).rejects.toMatchObject({
      key: 'notifications.badCursor',
    });
    expect(await notificationRepository.countUnread(s.database.db, stranger.userId)).toBe(0);
  });
});
