import type { Config } from '@retaille/config';
import { type DatabaseHandle, ping } from '@retaille/db';
import type { CommuneDirectory } from '@retaille/domain';
import { AccountService } from './accounts/account.service.ts';
import type { Actor } from './auth/actor.ts';
import { type Auth, createAuth, createAuthHandler, resolveActor } from './auth/auth.ts';
import { SignInThrottle } from './auth/sign-in-throttle.ts';
import { LotService } from './catalogue/lot.service.ts';
import { PhotoService } from './catalogue/photo.service.ts';
import { WantedRequestService } from './catalogue/wanted-request.service.ts';
import { loadCommuneDirectory } from './geo/commune-directory.loader.ts';
import { createMailer, type Mailer } from './mail/mailer.ts';
import { type SeedReport, seedDemo } from './seed/demo-seed.ts';
import { MembershipService } from './sites/membership.service.ts';
import { SiteService } from './sites/site.service.ts';

export interface Services {
  config: Config;
  database: DatabaseHandle;
  communes: CommuneDirectory;
  mailer: Mailer;
  auth: Auth;
  /** better-auth's HTTP handler with the per-account sign-in throttle in front. */
  handleAuthRequest(request: Request): Promise<Response>;
  resolveActor(headers: Headers): Promise<Actor>;
  sites: SiteService;
  memberships: MembershipService;
  accounts: AccountService;
  lots: LotService;
  photos: PhotoService;
  requests: WantedRequestService;
  seedDemo(): Promise<SeedReport>;
  health(): Promise<boolean>;
}

/** Composition of the use cases over one database handle. */
export async function createServices(deps: {
  config: Config;
  database: DatabaseHandle;
  now?: () => Date;
}): Promise<Services> {
  const { config, database } = deps;
  const now = deps.now ?? (() => new Date());
  const communes = await loadCommuneDirectory();
  const mailer = createMailer(config, database.db);
  const auth = createAuth({ config, database, mailer });
  const throttle = new SignInThrottle(
    database.db,
    { maxFailures: config.AUTH_SIGNIN_MAX_FAILURES, windowMs: config.AUTH_SIGNIN_WINDOW_SECONDS * 1000 },
    now,
  );
  const sites = new SiteService({ db: database.db, communes, now });
  const memberships = new MembershipService({ db: database.db, mailer, publicUrl: config.publicUrl, now });
  const accounts = new AccountService({
    db: database.db,
    communes,
    mailer,
    devOutbox: mailer.transport === 'outbox' && config.NODE_ENV !== 'production',
  });
  const lots = new LotService({ db: database.db, communes, now });
  const photos = new PhotoService({ db: database.db });
  const requests = new WantedRequestService({ db: database.db, lots, now });
  return {
    config,
    database,
    communes,
    mailer,
    lots,
    photos,
    requests,
    auth,
    handleAuthRequest: createAuthHandler(auth, throttle),
    resolveActor: (headers) => resolveActor(auth, database, headers),
    sites,
    memberships,
    accounts,
    seedDemo: () =>
      seedDemo({ db: database.db, sites, lots, photos, requests, communes, auth, password: config.DEMO_PASSWORD, now }),
    health: () => ping(database),
  };
}
