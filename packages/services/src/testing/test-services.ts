import { randomBytes } from 'node:crypto';
import { loadConfig } from '@retaille/config';
import { type DatabaseHandle, userRepository } from '@retaille/db';
import { createTestDatabase } from '@retaille/db/testing';
import type { PlatformRole, UserActor } from '../auth/actor.ts';
import { createServices, type Services } from '../services.ts';

export type TestServices = Services & { database: DatabaseHandle };

/** Services over a fresh, migrated test database (see @retaille/db/testing). */
export async function createTestServices(overrides: Record<string, string> = {}): Promise<TestServices> {
  const database = await createTestDatabase();
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', ...overrides });
  return createServices({ config, database });
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
  } = {},
) {
  const site = await services.sites.create(owner, {
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
) {
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
