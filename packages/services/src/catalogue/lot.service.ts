import {
  type Database,
  type DatabaseHandle,
  lotRepository,
  membershipRepository,
  type SiteRow,
  siteRepository,
  type Transaction,
  userRepository,
} from '@retaille/db';
import {
  assertLotAction,
  availableQuantity,
  type CommuneDirectory,
  DomainError,
  isPastWindow,
  type LatLon,
  type LotStatus,
  MAX_RADIUS_KM,
  type MaterialKey,
  parisDate,
  substitutesOf,
} from '@retaille/domain';
import type { PaymentGateway } from '@retaille/payments';
import type { Actor } from '../auth/actor.ts';
import { forbidden, isAdmin, requireUser } from '../auth/policy.ts';
import type { Enqueue, JobTransactions } from '../jobs/job-queue.ts';
import { decodeKeyset, type Page, pageOf } from '../pagination/keyset-cursor.ts';
import type { Links } from '../ports/links.ts';
import { siteReceivesTransfers } from '../trades/seller-readiness.ts';
import type { LotDto, LotInput, LotSearchInput, LotSearchResult, SearchPoint } from './lot.dto.ts';
import { type LotCard, lotListItemView, lotView } from './lot.view.ts';
import { prepareLot, validation } from './lot-input.ts';
import { decodeCursor, encodeCursor } from './search-cursor.ts';

/** Lots: posting, editing, publishing and withdrawing; search by distance and filters. */
export class LotService {
  constructor(
    private readonly deps: {
      db: DatabaseHandle['db'];
      communes: CommuneDirectory;
      now: () => Date;
      /**
       * Transactions that queue jobs atomically: a lot that becomes published queues
       * `lot.announce` (alerts to the requests it fits) in the same transaction. Without it
       * (benchmarks) nothing is announced.
       */
      jobs?: JobTransactions;
      /** Asked whether a site's Stripe account can receive transfers before a priced lot is published. */
      gateway?: PaymentGateway;
      /** Where the server serves photo bytes; the web app's routes when absent. */
      links?: Pick<Links, 'photo'>;
    },
  ) {}

  private transaction<T>(work: (trx: Transaction<Database>, enqueue: Enqueue) => Promise<T>): Promise<T> {
    if (this.deps.jobs) return this.deps.jobs.transaction(work);
    return this.deps.db.transaction().execute((trx) => work(trx, async () => {}));
  }

  private async siteForWriting(actor: Actor, siteId: string): Promise<SiteRow> {
    const user = requireUser(actor);
    const site = await siteRepository.findSiteById(this.deps.db, siteId);
    const role = site ? await membershipRepository.findRole(this.deps.db, siteId, user.userId) : undefined;
    if (!site || (!role && !isAdmin(actor))) throw forbidden('lot.notSiteMember');
    return site;
  }

  private assertPublishable(site: SiteRow) {
    if (!site.verified_at) throw new DomainError('CONFLICT', 'lot.siteNotVerified');
  }

  /**
   * A priced lot is published only by a site that can be paid: otherwise CONFLICT
   * `lot.paymentAccountRequired` with the site id, and the form offers the onboarding or a free lot.
   */
  private async assertPaymentPath(siteId: string, priceCents: number | null | undefined) {
    if (priceCents === null || priceCents === undefined || priceCents === 0) return;
    if (!(await siteReceivesTransfers(this.deps.db, this.deps.gateway, siteId, this.deps.now()))) {
      throw new DomainError('CONFLICT', 'lot.paymentAccountRequired', { siteId });
    }
  }

  /**
   * `allowPaymentPending` is for the demo seed only: its priced lots stand for lots published
   * before the rule, which buyers see as « paiement en attente d'activation ».
   */
  async create(
    actor: Actor,
    input: LotInput,
    options: { allowPaymentPending?: boolean } = {},
  ): Promise<LotDto> {
    const user = requireUser(actor);
    const site = await this.siteForWriting(actor, input.siteId);
    const row = prepareLot(input, site, parisDate(this.deps.now()));
    if (input.publish) this.assertPublishable(site);
    if (input.publish && !options.allowPaymentPending) await this.assertPaymentPath(site.id, row.price_cents);
    const now = this.deps.now();
    const lot = await this.transaction(async (trx, enqueue) => {
      const lot = await lotRepository.insertLot(trx, {
        ...row,
        created_by: user.userId,
        status: input.publish ? 'published' : 'draft',
        published_at: input.publish ? now : null,
        is_demo: false,
      });
      await lotRepository.attachPhotos(trx, lot.id, input.photoIds, user.userId);
      if (input.publish) await enqueue('lot.announce', { lotId: lot.id });
      return lot;
    });
    return this.get(actor, lot.id);
  }

  async update(actor: Actor, id: string, input: LotInput): Promise<LotDto> {
    const user = requireUser(actor);
    const current = await lotRepository.findLot(this.deps.db, id);
    if (!current) throw new DomainError('NOT_FOUND', 'lot.notFound');
    const site = await this.siteForWriting(actor, current.site_id);
    if (input.siteId !== current.site_id) throw validation([{ path: 'siteId', key: 'lot.siteFixed' }]);
    const row = prepareLot(input, site, parisDate(this.deps.now()));
    // Publishing it priced, or pricing a published lot, needs a payment path; keeping a price does not.
    const staysPublic = current.status === 'published' || current.status === 'reserved';
    if ((input.publish || staysPublic) && !(staysPublic && current.price_cents !== null))
      await this.assertPaymentPath(site.id, row.price_cents);
    await this.transaction(async (trx, enqueue) => {
      const locked = await lotRepository.lockLot(trx, id);
      if (!locked) throw new DomainError('NOT_FOUND', 'lot.notFound');
      assertLotAction(locked.status, 'edit');
      // Never let an edit drop the quantity below what is already reserved or sold.
      const committed = locked.quantity_reserved + locked.quantity_sold;
      if (input.quantity < committed) {
        throw validation([{ path: 'quantity', key: 'lot.quantityBelowCommitted', params: { committed } }]);
      }
      let status = locked.status;
      let publishedAt = locked.published_at;
      if (input.publish && status !== 'published') {
        this.assertPublishable(site);
        assertLotAction(status, 'publish');
        status = 'published';
        publishedAt = this.deps.now();
      }
      await lotRepository.updateLot(trx, id, { ...row, status, published_at: publishedAt });
      await lotRepository.attachPhotos(trx, id, input.photoIds, user.userId);
      // An edited lot may now fit requests it did not (announcements are never repeated).
      if (status === 'published') await enqueue('lot.announce', { lotId: id });
    });
    return this.get(actor, id);
  }

  async setStatus(actor: Actor, id: string, action: 'publish' | 'withdraw'): Promise<LotDto> {
    requireUser(actor);
    const current = await lotRepository.findLot(this.deps.db, id);
    if (!current) throw new DomainError('NOT_FOUND', 'lot.notFound');
    const site = await this.siteForWriting(actor, current.site_id);
    // Outside the transaction: the check may ask Stripe and uses the pool.
    if (action === 'publish') await this.assertPaymentPath(site.id, current.price_cents);
    await this.transaction(async (trx, enqueue) => {
      const locked = await lotRepository.lockLot(trx, id);
      if (!locked) throw new DomainError('NOT_FOUND', 'lot.notFound');
      assertLotAction(locked.status, action);
      if (action === 'publish') {
        this.assertPublishable(site);
        if (isPastWindow(locked.available_until, parisDate(this.deps.now()))) {
          throw validation([{ path: 'availableUntil', key: 'lot.windowPast' }]);
        }
        if (
          availableQuantity({
            quantity: locked.quantity,
            reserved: locked.quantity_reserved,
            sold: locked.quantity_sold,
          }) <= 0
        ) {
          throw new DomainError('CONFLICT', 'lot.nothingLeft');
        }
        await lotRepository.updateLot(trx, id, { status: 'published', published_at: this.deps.now() });
        await enqueue('lot.announce', { lotId: id });
      } else {
        if (locked.quantity_reserved > 0) throw new DomainError('CONFLICT', 'lot.hasReservations');
        await lotRepository.updateLot(trx, id, { status: 'withdrawn' });
      }
    });
    return this.get(actor, id);
  }

  async get(actor: Actor, id: string, from?: LatLon): Promise<LotDto> {
    const lot = await lotRepository.findLotCard(this.deps.db, id);
    if (!lot) throw new DomainError('NOT_FOUND', 'lot.notFound');
    const editable = await this.canEdit(actor, lot.site_id);
    // Drafts and withdrawn lots are private to their site.
    if (!editable && (lot.status === 'draft' || lot.status === 'withdrawn'))
      throw new DomainError('NOT_FOUND', 'lot.notFound');
    return { ...this.view(actor, lot, from), canEdit: editable };
  }

  /**
   * A site's lots, newest first, a page at a time (keyset on creation): every lot for its members
   * (optionally one status), the listed ones for everybody else.
   */
  async listForSite(
    actor: Actor,
    siteId: string,
    page: { cursor?: string | undefined; limit?: number; status?: LotStatus | undefined } = {},
  ): Promise<Page<LotDto>> {
    const editable = await this.canEdit(actor, siteId);
    const limit = page.limit ?? 50;
    const publicStatuses: LotStatus[] = ['published', 'reserved'];
    const statuses = editable
      ? page.status
        ? [page.status]
        : undefined
      : page.status
        ? publicStatuses.filter((st) => st === page.status)
        : publicStatuses;
    const rows = await lotRepository.listSiteLotCards(
      this.deps.db,
      siteId,
      statuses,
      decodeKeyset(page.cursor),
      limit + 1,
    );
    const { rows: shown, nextCursor } = pageOf(rows, limit);
    const items = shown.map((card) => this.view(actor, card));
    return { items: items.map((d) => ({ ...d, canEdit: editable })), nextCursor };
  }

  private async canEdit(actor: Actor, siteId: string): Promise<boolean> {
    if (actor.kind !== 'user') return false;
    if (isAdmin(actor)) return true;
    return (await membershipRepository.findRole(this.deps.db, siteId, actor.userId)) !== undefined;
  }

  /** Like `resolvePoint`, with the département and region when the place is a site or a commune. */
  async resolvePlace(
    actor: Actor,
    point: SearchPoint,
  ): Promise<LatLon & { departementCode: string | null; regionCode: string | null }> {
    const at = await this.resolvePoint(actor, point);
    let insee: string | null = null;
    if (point.kind === 'commune') insee = point.insee;
    if (point.kind === 'site')
      insee = (await siteRepository.findSiteById(this.deps.db, point.siteId))?.commune_insee ?? null;
    if (point.kind === 'home' && actor.kind === 'user') {
      insee =
        (await userRepository.findUserWithProfile(this.deps.db, actor.userId))?.profile.home_commune_insee ??
        null;
    }
    const commune = insee ? this.deps.communes.get(insee) : undefined;
    return {
      ...at,
      departementCode: commune?.departementCode ?? null,
      regionCode: commune?.regionCode ?? null,
    };
  }

  /** Resolves "my site", "my home", a commune or a map point into coordinates. */
  async resolvePoint(actor: Actor, point: SearchPoint): Promise<LatLon> {
    switch (point.kind) {
      case 'point':
        return { lat: point.lat, lon: point.lon };
      case 'commune': {
        const c = this.deps.communes.get(point.insee);
        if (!c) throw validation([{ path: 'point.insee', key: 'profile.communeUnknown' }]);
        return c;
      }
      case 'site': {
        const site = await siteRepository.findSiteById(this.deps.db, point.siteId);
        if (!site) throw validation([{ path: 'point.siteId', key: 'site.notFound' }]);
        const role =
          actor.kind === 'user'
            ? await membershipRepository.findRole(this.deps.db, site.id, actor.userId)
            : undefined;
        if (role) return { lat: site.lat, lon: site.lon };
        return this.deps.communes.get(site.commune_insee) ?? { lat: site.lat, lon: site.lon };
      }
      case 'home': {
        const user = requireUser(actor);
        const me = await userRepository.findUserWithProfile(this.deps.db, user.userId);
        if (me?.profile.home_lat == null || me.profile.home_lon == null) {
          throw validation([{ path: 'point', key: 'search.noHome' }]);
        }
        return { lat: me.profile.home_lat, lon: me.profile.home_lon };
      }
      default: {
        const never: never = point;
        return never;
      }
    }
  }

  async search(actor: Actor, input: LotSearchInput): Promise<LotSearchResult> {
    if (input.radiusKm !== undefined && !input.point)
      throw validation([{ path: 'radiusKm', key: 'search.radiusNeedsPoint' }]);
    if (input.radiusKm !== undefined && (input.radiusKm <= 0 || input.radiusKm > MAX_RADIUS_KM)) {
      throw validation([{ path: 'radiusKm', key: 'search.radiusRange', params: { max: MAX_RADIUS_KM } }]);
    }
    const center = input.point ? await this.resolvePoint(actor, input.point) : null;
    const sort = center ? input.sort : 'newest';
    let materialKeys: MaterialKey[] | undefined;
    if (input.materialKey) {
      materialKeys = [input.materialKey];
      if (input.withSubstitutes)
        materialKeys.push(...substitutesOf(input.materialKey).map((s) => s.material));
    }
    const rows = await lotRepository.searchLotListItems(this.deps.db, {
      point: center ?? undefined,
      radiusKm: center ? input.radiusKm : undefined,
      text: input.q,
      familyKeys: input.familyKey ? [input.familyKey] : undefined,
      materialKeys,
      sector: input.sector,
      condition: input.condition,
      freeOnly: input.freeOnly,
      maxPriceCents: input.maxPriceCents,
      minLengthMm: input.minLengthMm,
      minWidthMm: input.minWidthMm,
      minThicknessMm: input.minThicknessMm,
      minQuantity: input.minQuantity,
      siteId: input.siteId,
      sort,
      after: input.cursor ? decodeCursor(input.cursor, sort) : undefined,
      limit: input.limit + 1,
    });
    const page = rows.slice(0, input.limit);
    const last = page.at(-1);
    return {
      items: page.map((row) =>
        lotListItemView(row, {
          actor,
          communes: this.deps.communes,
          links: this.deps.links,
          searchCenter: center,
        }),
      ),
      nextCursor: rows.length > input.limit && last ? encodeCursor(last.sort_key, last.id) : null,
      center: center ? { lat: center.lat, lon: center.lon } : null,
    };
  }

  private view(actor: Actor, card: LotCard, from?: LatLon, searchCenter?: LatLon | null): LotDto {
    return lotView(card, { actor, communes: this.deps.communes, links: this.deps.links, from, searchCenter });
  }

  /** Expires published lots whose availability window has ended (a daily job). */
  async expireLots(): Promise<number> {
    return lotRepository.expirePastWindow(this.deps.db, parisDate(this.deps.now()));
  }
}
