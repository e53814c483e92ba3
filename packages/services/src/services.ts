import type { Config } from '@retaille/config';
import { type DatabaseHandle, ping } from '@retaille/db';
import { type CommuneDirectory, IMPACT_METHOD_VERSION } from '@retaille/domain';
import type { PaymentGateway, StripeEmulator } from '@retaille/payments';
import { AccountService } from './accounts/account.service.ts';
import type { Actor } from './auth/actor.ts';
import {
  type Auth,
  createAuth,
  createAuthHandler,
  RevokedSessions,
  resolveActor,
  SESSION_COOKIE_CACHE_SECONDS,
} from './auth/auth.ts';
import { SignInThrottle } from './auth/sign-in-throttle.ts';
import { VerifiedSessions } from './auth/verified-sessions.ts';
import { LotService } from './catalogue/lot.service.ts';
import { PhotoService } from './catalogue/photo.service.ts';
import { createPhotoStore, type PhotoStore } from './catalogue/photo-store.ts';
import { WantedRequestService } from './catalogue/wanted-request.service.ts';
import { loadCommuneDirectory } from './geo/commune-directory.loader.ts';
import { FactorRegistry } from './impact/factor-registry.service.ts';
import { ImpactService } from './impact/impact.service.ts';
import { JobQueue } from './jobs/job-queue.ts';
import { createMailer, type Mailer } from './mail/mailer.ts';
import { AllocationService } from './matching/allocation.service.ts';
import { MatchingService } from './matching/matching.service.ts';
import { NotificationService } from './notifications/notification.service.ts';
import { UnsubscribeTokens } from './notifications/unsubscribe-token.ts';
import { OfferService } from './offers/offer.service.ts';
import { createOperations, type OperationsServices } from './operations/operations.ts';
import { type Links, webLinks } from './ports/links.ts';
import { SavedSearchService } from './saved-searches/saved-search.service.ts';
import { type SeedReport, seedDemo } from './seed/demo-seed.ts';
import { MembershipService } from './sites/membership.service.ts';
import { SiteService } from './sites/site.service.ts';
import { BasketService } from './sourcing/basket.service.ts';
import { SourcingService } from './sourcing/sourcing.service.ts';
import { TradeTimelineService } from './timeline/trade-timeline.service.ts';
import { PickupTourService } from './tours/pickup-tour.service.ts';
import { PooledTourService } from './tours/pooled-tour.service.ts';
import { PaymentAccountService } from './trades/payment-account.service.ts';
import { paymentsUnavailable } from './trades/payment-setup.ts';
import { TradeService } from './trades/trade.service.ts';
import { TradeListService } from './trades/trade-list.service.ts';

export interface Services {
  config: Config;
  database: DatabaseHandle;
  communes: CommuneDirectory;
  mailer: Mailer;
  auth: Auth;
  /** better-auth's HTTP handler with the per-account sign-in throttle in front. */
  handleAuthRequest(request: Request): Promise<Response>;
  /** The actor of a request's session; `setCookie` gets the refreshed session cookie cache, if any. */
  resolveActor(headers: Headers, setCookie?: (values: string[]) => void): Promise<Actor>;
  sites: SiteService;
  memberships: MembershipService;
  accounts: AccountService;
  lots: LotService;
  photos: PhotoService;
  requests: WantedRequestService;
  trades: TradeService;
  /** « Mes échanges » a page at a time. */
  tradeList: TradeListService;
  offers: OfferService;
  savedSearches: SavedSearchService;
  payments: PaymentAccountService;
  matching: MatchingService;
  allocations: AllocationService;
  impact: ImpactService;
  /** A buyer's pickup tours: planned, then recorded as the trip of the trades they carried. */
  tours: PickupTourService;
  /** Bill-of-materials sourcing: the plan over the lots around the designer (issue 17). */
  sourcing: SourcingService;
  /** « Tout demander »: the trades of a sourcing plan requested together, followed as a basket. */
  baskets: BasketService;
  /** A coordinator's pooled pickup tours: planned, proposed, answered by the parties, recorded. */
  pooledTours: PooledTourService;
  /** The operator console: disputes, money owed, verification, moderation, roles, fee, reconciliation. */
  operations: OperationsServices;
  /** Notices of trade events and alerts: the bell, e-mails, the digest, preferences. */
  notifications: NotificationService;
  /** A trade's history from `trade_event`. */
  timeline: TradeTimelineService;
  /** Background jobs: the port given to createServices, its handlers bound to the use cases. */
  jobs: JobQueue;
  seedDemo(): Promise<SeedReport>;
  /**
   * Queues the recomputation of the impact records an older method computed (ADR 007), once per
   * method version across processes; startup does not wait for it. True when there was work.
   */
  scheduleImpactUpgrade(): Promise<boolean>;
  /** The sign-in throttle in front of better-auth (the periodic tick prunes it). */
  signInThrottle: SignInThrottle;
  health(): Promise<boolean>;
}

/** What the composition root wires around the use cases: never handed to the transport. */
type Infrastructure =
  | 'config'
  | 'database'
  | 'mailer'
  | 'auth'
  | 'handleAuthRequest'
  | 'resolveActor'
  | 'jobs'
  | 'seedDemo'
  | 'scheduleImpactUpgrade'
  | 'signInThrottle'
  | 'health';

/** The use cases: all that the transport (tRPC procedures, plain routes) may call. */
export type UseCases = Omit<Services, Infrastructure>;

/** The use cases of a composition without its infrastructure (database, config, auth, queue). */
export function useCasesOf(services: Services): UseCases {
  const {
    config: _config,
    database: _database,
    mailer: _mailer,
    auth: _auth,
    handleAuthRequest: _handleAuthRequest,
    resolveActor: _resolveActor,
    jobs: _jobs,
    seedDemo: _seedDemo,
    scheduleImpactUpgrade: _scheduleImpactUpgrade,
    signInThrottle: _signInThrottle,
    health: _health,
    ...useCases
  } = services;
  return useCases;
}

/**
 * The use cases over one database handle and the ports the composition root gives them. Nothing
 * here starts a server, a worker or an emulator: apps/server (or a test, a script) starts those and
 * passes them in. A port left out gets its in-process stand-in, as tests and scripts want.
 */
export async function createServices(deps: {
  config: Config;
  database: DatabaseHandle;
  /** The clock; the system's by default. */
  now?: () => Date;
  /** Where photo bytes go; from the config (database, or S3 when S3_BUCKET is set) when absent. */
  photoStore?: PhotoStore;
  /**
   * Stripe, live or the local emulator, started by the composition root (`startPayments` of
   * @retaille/payments); without it paid trades are refused.
   */
  payments?: { gateway: PaymentGateway; mode: 'live' | 'simulation'; emulator?: StripeEmulator | undefined };
  /** The job queue: inline (after commit) until the composition root routes it to pg-boss. */
  jobs?: JobQueue;
  /** Outgoing mail: SMTP when SMTP_URL is set, the outbox table otherwise, when absent. */
  mailer?: Mailer;
  /** Where the server mounts the auth endpoints (its links in e-mails start there). */
  authBasePath?: string;
  /** The web app's pages and the server's file routes; those of PUBLIC_URL when absent. */
  links?: Links;
}): Promise<Services> {
  const { config, database } = deps;
  const now = deps.now ?? (() => new Date());
  const links = deps.links ?? webLinks(config.publicUrl);
  const communes = await loadCommuneDirectory();
  const mailer = deps.mailer ?? createMailer(config, database.db);
  const revoked = new RevokedSessions(SESSION_COOKIE_CACHE_SECONDS * 1000);
  const verified = new VerifiedSessions();
  const auth = createAuth({ config, database, mailer, basePath: deps.authBasePath, revoked });
  const throttle = new SignInThrottle(
    database.db,
    {
      perAddress: {
        maxFailures: config.AUTH_SIGNIN_MAX_FAILURES,
        windowMs: config.AUTH_SIGNIN_WINDOW_SECONDS * 1000,
        maxBlockMs: config.AUTH_SIGNIN_MAX_BLOCK_SECONDS * 1000,
      },
      perAccount: {
        maxFailures: config.AUTH_SIGNIN_ACCOUNT_MAX_FAILURES,
        windowMs: config.AUTH_SIGNIN_ACCOUNT_WINDOW_SECONDS * 1000,
      },
    },
    now,
  );
  const sites = new SiteService({ db: database.db, communes, now });
  const jobs = deps.jobs ?? new JobQueue(database.db);
  const memberships = new MembershipService({ db: database.db, mailer, jobs, links, now });
  const accounts = new AccountService({
    db: database.db,
    communes,
    mailer,
    // Off unless no SMTP, not production, and bound to the loopback interface: the outbox shows
    // verification and reset links, so it must never be reachable from another machine.
    devOutbox:
      mailer.transport === 'outbox' &&
      config.NODE_ENV !== 'production' &&
      ['127.0.0.1', 'localhost', '::1'].includes(config.HOST),
  });
  const matching = new MatchingService({ db: database.db, mailer, jobs, links, now });
  const allocations = new AllocationService({
    db: database.db,
    now,
    jobs,
  });
  const lots = new LotService({
    db: database.db,
    communes,
    now,
    jobs,
    ...(deps.payments ? { gateway: deps.payments.gateway } : {}),
    links,
  });
  const notifications = new NotificationService({
    db: database.db,
    mailer,
    jobs,
    publicUrl: config.publicUrl,
    tokens: new UnsubscribeTokens(config.authSecret),
    now,
    links,
  });
  const timeline = new TradeTimelineService({ db: database.db });
  const savedSearches = new SavedSearchService({ db: database.db, lots, notifications, now });
  jobs.bind({
    'allocation.run': ({ runId, regionCode }) => allocations.execute(runId, regionCode),
    'lot.announce': async ({ lotId }) => {
      await matching.announceLot(lotId);
      await savedSearches.announceLot(lotId);
    },
    'mail.deliver': ({ mailId }) => mailer.deliver(mailId),
    'trade.notify': (job) => notifications.handleTradeEvent(job),
    'impact.upgrade': () => impact.upgradeRecords(),
  });
  const photos = new PhotoService({
    db: database.db,
    now,
    store: deps.photoStore ?? createPhotoStore(config),
    links,
  });
  const requests = new WantedRequestService({ db: database.db, lots, now });
  const gateway = deps.payments?.gateway ?? paymentsUnavailable;
  const factorRegistry = new FactorRegistry({ db: database.db, now });
  await factorRegistry.ensureSeeded();
  const impact = new ImpactService({
    db: database.db,
    registry: factorRegistry,
    communes,
    now,
    publicUrl: config.publicUrl,
    shortCircuitKm: config.SHORT_CIRCUIT_KM,
  });
  const operations = createOperations({
    db: database.db,
    gateway,
    mailer,
    jobs,
    sites,
    accounts,
    registry: factorRegistry,
    publicUrl: config.publicUrl,
    defaultFeeBps: config.PLATFORM_FEE_BPS,
    now,
  });
  await operations.fee.refresh();
  const trades = new TradeService({
    db: database.db,
    gateway,
    jobs,
    links,
    timings: config.tradeTimings,
    // The fee an operator set in the console (PLATFORM_FEE_BPS until then), read at each pricing.
    get platformFeeBps() {
      return operations.fee.bps;
    },
    now,
    recordImpact: (trx, trade, completedAt) => impact.recordTrade(trx, trade, completedAt),
    assertMayTrade: (subjects) => operations.moderation.assertMayTrade(subjects),
  });
  operations.bindTrades(trades);
  const payments = new PaymentAccountService({
    db: database.db,
    gateway,
    mode: deps.payments?.mode ?? config.paymentsMode,
    // The fee an operator set in the console (PLATFORM_FEE_BPS until then), read at each pricing.
    get platformFeeBps() {
      return operations.fee.bps;
    },
    links,
    now,
  });
  const tradeList = new TradeListService({ db: database.db, trades });
  const pooledTours = new PooledTourService({
    db: database.db,
    registry: factorRegistry,
    notifications,
    jobs,
    now,
    maxStops: config.POOLED_TOUR_MAX_STOPS,
  });
  const offers = new OfferService({ db: database.db, trades, gateway, jobs, notifications, now });
  return {
    config,
    database,
    tradeList,
    offers,
    savedSearches,
    communes,
    mailer,
    lots,
    photos,
    requests,
    trades,
    payments,
    matching,
    allocations,
    jobs,
    impact,
    tours: new PickupTourService({ db: database.db, registry: factorRegistry, now }),
    sourcing: new SourcingService({ db: database.db, lots, registry: factorRegistry, now }),
    baskets: new BasketService({ db: database.db, trades, now }),
    pooledTours,
    operations,
    notifications,
    timeline,
    auth,
    handleAuthRequest: createAuthHandler(auth, throttle),
    signInThrottle: throttle,
    resolveActor: (headers, setCookie) =>
      resolveActor(auth, { revoked, verified }, database, headers, setCookie),
    sites,
    memberships,
    accounts,
    scheduleImpactUpgrade: async () => {
      if (!(await impact.hasRecordsToUpgrade())) return false;
      await jobs.transaction((_trx, enqueue) =>
        enqueue(
          'impact.upgrade',
          { methodVersion: IMPACT_METHOD_VERSION },
          { key: `impact.upgrade:${IMPACT_METHOD_VERSION}` },
        ),
      );
      return true;
    },
    seedDemo: () =>
      seedDemo({
        db: database.db,
        sites,
        lots,
        photos,
        requests,
        savedSearches,
        trades,
        pooledTours,
        payments,
        emulator: deps.payments?.emulator,
        communes,
        auth,
        password: config.DEMO_PASSWORD,
        now,
        impact,
        force: config.SEED_DEMO_FORCE,
      }),
    health: () => ping(database),
  };
}
