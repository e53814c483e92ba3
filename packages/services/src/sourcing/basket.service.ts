import { type BasketRow, basketRepository, type Database, type Kysely } from '@retaille/db';
import {
  type BasketDto,
  type BasketSummaryDto,
  basketRequestsOf,
  type CreateBasketInput,
  createBasketInput,
  DomainError,
  parseOrRefuse,
} from '@retaille/domain';
import type { Actor } from '../auth/actor.ts';
import { requireUser } from '../auth/policy.ts';
import type { TradeService } from '../trades/trade.service.ts';

const LIST_LIMIT = 100;

/** Thrown inside the basket's transaction when the same key was committed meanwhile: rolls it back. */
class SameKeyBasket extends Error {}

export interface BasketDeps {
  db: Kysely<Database>;
  trades: TradeService;
  now: () => Date;
}

/**
 * « Tout demander »: one trade request per lot of a sourcing plan (a trade holds one lot; the
 * picks of one lot for two lines are merged), grouped in a basket the designer follows on one
 * page. Every request goes through the trade table's `request` transition, all in ONE
 * transaction with the basket: a lot withdrawn, sold out or held since the plan is a 409 naming
 * the lot and nothing is requested. The client's key makes a double click one basket.
 */
export class BasketService {
  constructor(private readonly deps: BasketDeps) {}

  async create(actor: Actor, raw: CreateBasketInput): Promise<BasketDto> {
    const user = requireUser(actor);
    const input = parseOrRefuse(createBasketInput, raw);
    const existing = await basketRepository.findBasketByKey(this.deps.db, user.userId, input.key);
    if (existing) return this.toDto(existing);
    const requests = basketRequestsOf(input.picks);
    try {
      let basket: BasketRow | undefined;
      await this.deps.trades.requestMany(
        actor,
        requests.map((r) => ({
          lotId: r.lotId,
          quantity: r.quantity,
          buyerSiteId: input.buyerSiteId ?? null,
        })),
        async (trx, trades) => {
          basket = await basketRepository.insertBasket(trx, {
            buyer_user_id: user.userId,
            key: input.key,
            title: input.title,
            created_at: this.deps.now(),
          });
          if (basket === undefined) throw new SameKeyBasket();
          await basketRepository.addBasketTrades(
            trx,
            basket.id,
            trades.map((t, i) => ({ tradeId: t.id, lineId: requests[i]!.lineIds.join(', ') })),
          );
        },
      );
      return this.toDto(basket!);
    } catch (e) {
      if (e instanceof SameKeyBasket) {
        const winner = await basketRepository.findBasketByKey(this.deps.db, user.userId, input.key);
        if (winner) return this.toDto(winner);
      }
      throw this.namingTheLot(e, requests, input.picks);
    }
  }

  /** The caller's basket; another buyer's reads as missing. */
  async get(actor: Actor, id: string): Promise<BasketDto> {
    const user = requireUser(actor);
    const basket = await basketRepository.findBasket(this.deps.db, id);
    if (!basket || basket.buyer_user_id !== user.userId)
      throw new DomainError('NOT_FOUND', 'basket.notFound');
    return this.toDto(basket);
  }

  async listMine(actor: Actor): Promise<BasketSummaryDto[]> {
    const user = requireUser(actor);
    const rows = await basketRepository.listBasketsOfUser(this.deps.db, user.userId, LIST_LIMIT);
    return rows.map((r) => ({
      id: r.id,
      title: r.title,
      createdAt: r.created_at.toISOString(),
      tradeCount: r.trade_count,
      totalCents: r.total_cents,
    }));
  }

  /**
   * A refusal of one of the requests, as the basket's: a lot that is gone or no longer
   * requestable (NOT_FOUND, CONFLICT, or not enough left) is a CONFLICT `basket.lotUnavailable`
   * with the lot and its lines; other refusals keep their code, with the pick's path.
   */
  private namingTheLot(
    e: unknown,
    requests: ReturnType<typeof basketRequestsOf>,
    picks: readonly { lotId: string }[],
  ): unknown {
    if (!(e instanceof DomainError) || typeof e.details.index !== 'number') return e;
    const request = requests[e.details.index];
    if (request === undefined) return e;
    const params = { lotId: request.lotId, lines: request.lineIds.join(', ') };
    const pick = picks.findIndex((p) => p.lotId === request.lotId);
    const gone =
      e.code === 'NOT_FOUND' ||
      e.code === 'CONFLICT' ||
      (e.code === 'VALIDATION' && e.details.fields?.some((f) => f.key === 'trade.quantityExceedsAvailable'));
    if (gone) {
      return new DomainError('CONFLICT', 'basket.lotUnavailable', {
        lotId: request.lotId,
        fields: [{ path: `picks.${pick}.lotId`, key: 'basket.lotUnavailable', params }],
      });
    }
    return new DomainError(e.code, e.key, {
      ...e.details,
      fields: (e.details.fields ?? [{ path: 'lotId', key: e.key }]).map((f) => ({
        ...f,
        path: `picks.${pick}.${f.path}`,
      })),
    });
  }

  private async toDto(basket: BasketRow): Promise<BasketDto> {
    const trades = await basketRepository.listBasketTrades(this.deps.db, basket.id);
    return {
      id: basket.id,
      key: basket.key,
      title: basket.title,
      createdAt: basket.created_at.toISOString(),
      totalCents: trades.reduce((s, t) => s + t.total_cents, 0),
      trades: trades.map((t) => ({
        tradeId: t.trade_id,
        lineId: t.line_id,
        state: t.state,
        quantity: Number(t.quantity),
        unit: t.unit,
        totalCents: t.total_cents,
        lotId: t.lot_id,
        lotTitle: t.lot_title,
        sellerSiteId: t.seller_site_id,
        sellerName: t.seller_name,
        sellerCommune: t.seller_commune,
      })),
    };
  }
}
