import { randomBytes } from 'node:crypto';
import { loadConfig } from '@retaille/config';
import { type DatabaseHandle, paymentAccountRepository, userRepository } from '@retaille/db';
import { createTestDatabase } from '@retaille/db/testing';
import type { Opening } from '@retaille/domain';
import { type StripeEmulator, startPayments } from '@retaille/payments';
import type { PlatformRole, UserActor } from '../auth/actor.ts';
import { createServices, type Services } from '../services.ts';

export type TestServices = Services & { database: DatabaseHandle; emulator?: StripeEmulator };

/**
 * Services over a fresh, migrated test database (see @retaille/db/testing). With
 * `{ payments: true }` a local Stripe emulator is started too (its webhooks are only recorded
 * until `emulator.setWebhookUrl`); `database.close()` then stops it as well.
 */
export async function createTestServices(
  overrides: Record<string, string> = {},
  options: { payments?: boolean; now?: () => Date } = {},
): Promise<TestServices> {
  const database = await createTestDatabase();
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', ...overrides });
  if (!options.payments) {
    return createServices({ config, database, ...(options.now ? { now: options.now } : {}) });
  }
  const payments = await startPayments(config, { webhookRetryDelayMs: 20 });
  const services = await createServices({
    config,
    database,
    payments,
    ...(options.now ? { now: options.now } : {}),
  });
  const close = database.close;
  return {
    ...services,
    emulator: payments.emulator,
    database: {
      ...database,
      close: async () => {
        await payments.stop();
        // Dropping the PostgreSQL clone terminates backends still closing after many concurrent
        // transactions; their FATAL 57P01 reaches the pool after it ended and must not crash the run.
        database.pool.on('error', () => {});
        await close();
      },
    },
  } as TestServices;
}

export const TEST_PASSWORD = 'correct horse battery staple';

/**
 * Factory: a verified user with a unique e-mail and the given platform roles, created through
 * better-auth (hashed password TEST_PASSWORD), returned as the actor the transport would build.
 */
export async function createTestUser(
  services: Services,
  options: {
    roles?: PlatformRole[];
    departements?: string[];
    regions?: string[];
    email?: string;
    name?: string;
  } = {},
): Promise<UserActor> {
  const email = options.email ?? `user-${randomBytes(5).toString('hex')}@example.test`;
  const name = options.name ?? email.split('@')[0]!;
  const ctx = await services.auth.$context;
  const user = await ctx.internalAdapter.createUser(
    { email, name, emailVerified: true },
    { method: 'email-password' },
  );
  await ctx.internalAdapter.linkAccount({
    userId: user.id,
    providerId: 'credential',
    accountId: user.id,
    password: await ctx.password.hash(TEST_PASSWORD),
  });
  const roles = options.roles ?? [];
  await userRepository.updateProfile(services.database.db, user.id, {
    roles,
    coordinator_departements: options.departements ?? [],
    coordinator_regions: options.regions ?? [],
  });
  return {
    kind: 'user',
    userId: user.id,
    email,
    name,
    emailVerified: true,
    roles,
    coordinatorScope: { departements: options.departements ?? [], regions: options.regions ?? [] },
  };
}

/** Factory: a site owned by `owner`, verified by a fresh admin unless `verified: false`. */
export async function createTestSite(
  services: Services,
  owner: UserActor,
  options: {
    postalCode?: string;
    communeInsee?: string;
    verified?: boolean;
    name?: string;
    lat?: number;
    lon?: number;
    openingHours?: Opening[];
  } = {},
) {
  const site = await services.sites.create(owner, {
    openingHours: options.openingHours,
    name: options.name ?? `Site ${randomBytes(3).toString('hex')}`,
    description: '',
    address: '1 rue de l’Atelier',
    postalCode: options.postalCode ?? '69001',
    communeInsee: options.communeInsee,
    lat: options.lat,
    lon: options.lon,
    sectors: ['bois'],
    territoryType: 'metropolis',
  });
  if (options.verified !== false) {
    await services.sites.verify(await createTestUser(services, { roles: ['admin'] }), site.id);
  }
  return site;
}

/** A valid lot input for `siteId`: 10 oak boards of 1000 × 200 × 20 mm, free, published. */
export function lotInput(
  siteId: string,
  overrides: Partial<import('../catalogue/lot.dto.ts').LotInput> = {},
): import('../catalogue/lot.dto.ts').LotInput {
  return {
    siteId,
    title: 'Planches de chêne',
    description: 'Chutes de chêne massif rabotées',
    materialKey: 'oak',
    condition: 'offcut' as const,
    unit: 'piece' as const,
    quantity: 10,
    dimensions: { lengthMm: 1000, widthMm: 200, thicknessMm: 20 },
    priceCents: null,
    photoIds: [],
    publish: true,
    ...overrides,
  };
}

/** A valid wanted request: 1 to 50 kg of oak, exact material, within 30 km of Lyon. */
export function requestInput(
  overrides: Partial<Parameters<TestServices['requests']['create']>[1]> = {},
): Parameters<TestServices['requests']['create']>[1] {
  return {
    title: 'Chêne',
    description: '',
    materialKeys: ['oak'],
    acceptSubstitutes: false,
    unit: 'kg',
    quantityMin: 1,
    quantityMax: 50,
    maxDistanceKm: 30,
    point: { kind: 'commune', insee: '69123' },
    ...overrides,
  };
}

/** Factory: the site's Stripe Express account, onboarded on the emulator (services from `{ payments: true }`). */
export async function onboardTestSeller(
  services: TestServices,
  owner: UserActor,
  siteId: string,
): Promise<string> {
  if (!services.emulator)
    throw new Error('onboardTestSeller needs createTestServices(…, { payments: true })');
  await services.payments.onboard(owner, siteId);
  const account = await paymentAccountRepository.findSellerAccount(services.database.db, siteId);
  await services.emulator.completeOnboarding(account!.stripe_account_id);
  return account!.stripe_account_id;
}

/**
 * Factory: records the site's payment account as able to receive transfers, without a Stripe
 * account behind it, so that priced lots can be published and requested in tests that never
 * accept a paid trade (accepting asks Stripe, use `onboardTestSeller` for that).
 */
export async function allowPricedLots(services: TestServices, siteId: string): Promise<void> {
  const now = new Date();
  const account = await paymentAccountRepository.insertSellerAccount(
    services.database.db,
    siteId,
    `acct_test_${siteId.slice(0, 8)}`,
    now,
  );
  await paymentAccountRepository.updateSellerAccountFlags(
    services.database.db,
    account.stripe_account_id,
    { chargesEnabled: false, payoutsEnabled: true, detailsSubmitted: true, transfersActive: true },
    now,
  );
}
