import {
  type DatabaseHandle,
  type LotOfferRow,
  lotRepository,
  membershipRepository,
  offerRepository,
  siteRepository,
  tradeRepository,
  userRepository,
  wantedRequestRepository,
} from '@retaille/db';
import { availableQuantity, DomainError, parseDecimal } from '@retaille/domain';
import type { PaymentGateway } from '@retaille/payments';
import { type Actor, userActor } from '../auth/actor.ts';
import { isAdmin, requireUser } from '../auth/policy.ts';
import type { JobTransactions } from '../jobs/job-queue.ts';
import type { NotificationService } from '../notifications/notification.service.ts';
import { assertPricedLotRequestable } from '../trades/seller-readiness.ts';
import type { TradeService } from '../trades/trade.service.ts';

export interface OfferInput {
  lotId: string;
  requestId: string;
  /** In the lot's unit. */
  quantity: number;
  message?: string | undefined;
}

export interface OfferDto {
  id: string;
  lotId: string;
  lotTitle: string;
  requestId: string;
  requestTitle: string;
  siteId: string;
  siteName: string;
  quantity: number;
  unit: string;
  priceCents: number | null;
  message: string;
  status: 'open' | 'accepting' | 'accepted' | 'declined' | 'withdrawn';
  tradeId: string | null;
  createdAt: string;
}

const MESSAGE_MAX_LENGTH = 2000;
const toMilli = (q: number | string): number => Math.round(Number(q) * 1000);
const field = (path: string, key: string, params?: Record<string, string | number>) =>
  new DomainError('VALIDATION', key, { fields: [{ path, key, ...(params ? { params } : {}) }] });

/**
 * Offers: from a lot's proposals, a member of the lot's site offers it to the designer of a
 * fitting open request; the designer is told (a `lot_offer` notice, which asks them to act: e-mailed
 * at once unless they chose otherwise) and accepts in one click, which
 * creates the trade through the lifecycle's own transitions — `request` by the designer, then
 * `accept` by the member who offered — so the trade starts accepted on the seller side (or
 * awaiting payment for a priced lot).
 */
export class OfferService {
  constructor(
    private readonly deps: {
      db: DatabaseHandle['db'];
      trades: TradeService;
      gateway?: PaymentGateway;
      /** The offer and its notice (and its e-mail, per the designer's preference) commit together. */
      jobs: JobTransactions;
      notifications: NotificationService;
      now: () => Date;
    },
  ) {}

  async create(actor: Actor, input: OfferInput): Promise<OfferDto> {
    const user = requireUser(actor);
    const db = this.deps.db;
    const now = this.deps.now();
    const lot = await lotRepository.findLot(db, input.lotId);
    if (!lot) throw new DomainError('NOT_FOUND', 'lot.notFound');
    if (!(await membershipRepository.findRole(db, lot.site_id, user.userId))) {
      throw new DomainError('FORBIDDEN', 'offer.notLotSite');
    }
    if (lot.status !== 'published' && lot.status !== 'reserved')
      throw new DomainError('CONFLICT', 'trade.lotNotAvailable');
    const request = await wantedRequestRepository.findRequest(db, input.requestId);
    if (!request) throw new DomainError('NOT_FOUND', 'request.notFound');
    if (request.status !== 'open') throw new DomainError('CONFLICT', 'offer.requestClosed');
    if (await membershipRepository.findRole(db, lot.site_id, request.requester_id)) {
      throw new DomainError('CONFLICT', 'offer.ownSite');
    }
    const q = parseDecimal(input.quantity, 'quantity');
    if (q.scale > 3 || q.units <= 0n) throw field('quantity', 'trade.quantityInvalid');
    const available = availableQuantity({
      quantity: lot.quantity,
      reserved: lot.quantity_reserved,
      sold: lot.quantity_sold,
    });
    if (toMilli(input.quantity) > toMilli(available)) {
      throw field('quantity', 'trade.quantityExceedsAvailable', { available, unit: lot.unit });
    }
    const message = input.message?.trim() ?? '';
    if (message.length > MESSAGE_MAX_LENGTH)
      throw field('message', 'field.tooLong', { max: MESSAGE_MAX_LENGTH });
    await assertPricedLotRequestable(db, this.deps.gateway, lot, now);
    const site = await siteRepository.findSiteById(db, lot.site_id);
    const offer = await this.deps.jobs.transaction(async (trx, enqueue) => {
      const row = await offerRepository.insertOffer(trx, {
        lot_id: lot.id,
        request_id: request.id,
        site_id: lot.site_id,
        offered_by: user.userId,
        buyer_user_id: request.requester_id,
        quantity: (toMilli(input.quantity) / 1000).toFixed(3),
        message,
        created_at: now,
      });
      if (!row) throw new DomainError('CONFLICT', 'offer.alreadyOpen');
      await this.deps.notifications.notify(trx, enqueue, {
        userId: request.requester_id,
        kind: 'lot_offer',
        dedupeKey: `offer:${row.id}`,
        lotId: lot.id,
        requestId: request.id,
        data: {
          offerId: row.id,
          lotTitle: lot.title,
          requestTitle: request.title,
          siteName: site?.name ?? '',
          quantity: row.quantity,
          unit: lot.unit,
          priceCents: lot.price_cents,
        },
      });
      return row;
    });
    return (await this.toDtos([offer]))[0]!;
  }

  /**
   * The designer accepts. The trade is requested and the offer claimed (`accepting`, with the
   * trade's id) in one transaction, so a second click, or a concurrent one, gets CONFLICT
   * `offer.notOpen` and no second trade. The seller's acceptance follows; if it is refused (the
   * lot sold out, the site can no longer be paid…) the request is withdrawn, the offer reopens and
   * the refusal is returned as is. Should the server stop between the two, the offer keeps its
   * trade: the seller can still accept that request, and accepting the offer again resumes it.
   */
  async accept(actor: Actor, offerId: string): Promise<{ offer: OfferDto; tradeId: string }> {
    const user = requireUser(actor);
    const db = this.deps.db;
    const offer = await this.ownOffer(user.userId, offerId);
    const offerer = await userRepository.findUserWithProfile(db, offer.offered_by);
    if (!offerer) throw new DomainError('CONFLICT', 'offer.notOpen');
    const seller = userActor({ userId: offerer.id, email: offerer.email, name: offerer.name });
    if (offer.status === 'accepting' && offer.trade_id)
      return this.finish(offer, offer.trade_id, actor, seller);
    if (offer.status !== 'open') throw new DomainError('CONFLICT', 'offer.notOpen');
    const request = await wantedRequestRepository.findRequest(db, offer.request_id);
    if (request?.status !== 'open') throw new DomainError('CONFLICT', 'offer.requestClosed');
    const trade = await this.deps.trades.request(
      actor,
      {
        lotId: offer.lot_id,
        quantity: offer.quantity,
        ...(offer.message ? { message: offer.message } : {}),
      },
      async (trx, tradeId) => {
        if (!(await offerRepository.moveOffer(trx, offer.id, 'open', 'accepting', { trade_id: tradeId }))) {
          throw new DomainError('CONFLICT', 'offer.notOpen');
        }
      },
    );
    return this.finish(offer, trade.id, actor, seller);
  }

  /** The seller's side of an accepted offer: accept the linked request (once), then close the offer. */
  private async finish(
    offer: LotOfferRow,
    tradeId: string,
    buyer: Actor,
    seller: Actor,
  ): Promise<{ offer: OfferDto; tradeId: string }> {
    const db = this.deps.db;
    const trade = await tradeRepository.findTrade(db, tradeId);
    const closed = (state: string | undefined) =>
      !state || ['declined', 'cancelled', 'expired'].includes(state);
    try {
      if (trade?.state === 'requested') await this.deps.trades.accept(seller, tradeId);
      else if (closed(trade?.state)) throw new DomainError('CONFLICT', 'offer.notOpen');
    } catch (e) {
      // A concurrent call (a double click resuming the offer) may have accepted it meanwhile.
      const now = await tradeRepository.findTrade(db, tradeId);
      if (now?.state === 'requested' || closed(now?.state)) {
        if (now?.state === 'requested') await this.deps.trades.cancel(buyer, tradeId).catch(() => undefined);
        await offerRepository.moveOffer(db, offer.id, 'accepting', 'open', { trade_id: null });
        throw e;
      }
    }
    const done = await offerRepository.moveOffer(db, offer.id, 'accepting', 'accepted', {
      trade_id: tradeId,
      decided_at: this.deps.now(),
    });
    // Whoever closes the offer answers; a concurrent click that got here second is told so.
    if (!done) throw new DomainError('CONFLICT', 'offer.notOpen');
    return { offer: (await this.toDtos([done]))[0]!, tradeId };
  }

  async decline(actor: Actor, offerId: string): Promise<OfferDto> {
    const user = requireUser(actor);
    const offer = await this.ownOffer(user.userId, offerId);
    const moved = await offerRepository.moveOffer(this.deps.db, offer.id, 'open', 'declined', {
      decided_at: this.deps.now(),
    });
    if (!moved) throw new DomainError('CONFLICT', 'offer.notOpen');
    return (await this.toDtos([moved]))[0]!;
  }

  /** Offers made to the caller, newest first. */
  async listReceived(actor: Actor): Promise<OfferDto[]> {
    const user = requireUser(actor);
    return this.toDtos(await offerRepository.listOffersToBuyer(this.deps.db, user.userId));
  }

  /** Offers of a lot (members of its site). */
  async listForLot(actor: Actor, lotId: string): Promise<OfferDto[]> {
    const user = requireUser(actor);
    const lot = await lotRepository.findLot(this.deps.db, lotId);
    if (!lot) throw new DomainError('NOT_FOUND', 'lot.notFound');
    if (!isAdmin(actor) && !(await membershipRepository.findRole(this.deps.db, lot.site_id, user.userId))) {
      throw new DomainError('FORBIDDEN', 'lot.notSiteMember');
    }
    return this.toDtos(await offerRepository.listOffersOfLot(this.deps.db, lotId));
  }

  /** Another user's offer is answered as missing, so ids cannot be probed. */
  private async ownOffer(userId: string, offerId: string): Promise<LotOfferRow> {
    const offer = await offerRepository.findOffer(this.deps.db, offerId);
    if (!offer || offer.buyer_user_id !== userId) throw new DomainError('NOT_FOUND', 'offer.notFound');
    return offer;
  }

  private async toDtos(rows: LotOfferRow[]): Promise<OfferDto[]> {
    const db = this.deps.db;
    const [lots, sites] = await Promise.all([
      lotRepository.findLotsByIds(
        db,
        rows.map((r) => r.lot_id),
      ),
      siteRepository.findSitesByIds(
        db,
        rows.map((r) => r.site_id),
      ),
    ]);
    const requests = await Promise.all(
      [...new Set(rows.map((r) => r.request_id))].map((id) => wantedRequestRepository.findRequest(db, id)),
    );
    const lotById = new Map(lots.map((l) => [l.id, l]));
    const siteById = new Map(sites.map((s) => [s.id, s]));
    const requestById = new Map(requests.filter((r) => r !== undefined).map((r) => [r.id, r]));
    return rows.map((r) => ({
      id: r.id,
      lotId: r.lot_id,
      lotTitle: lotById.get(r.lot_id)?.title ?? '',
      requestId: r.request_id,
      requestTitle: requestById.get(r.request_id)?.title ?? '',
      siteId: r.site_id,
      siteName: siteById.get(r.site_id)?.name ?? '',
      quantity: r.quantity,
      unit: lotById.get(r.lot_id)?.unit ?? '',
      priceCents: lotById.get(r.lot_id)?.price_cents ?? null,
      message: r.message,
      status: r.status as OfferDto['status'],
      tradeId: r.trade_id,
      createdAt: new Date(r.created_at).toISOString(),
    }));
  }
}
