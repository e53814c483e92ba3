import { DomainError } from '@retaille/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Actor, anonymous } from '../auth/actor.ts';
import type { Services } from '../services.ts';
import { createTestServices, createTestUser } from '../testing/test-services.ts';
import type { SiteInput } from './site.dto.ts';

let s: Services;
let member: Actor;
beforeAll(async () => {
  s = await createTestServices();
  member = await createTestUser(s);
});
afterAll(() => s.database.close());

const base: SiteInput = {
  name: 'Atelier du Bois Flotté',
  description: 'Menuiserie partagée',
  address: '12 rue des Tanneurs',
  postalCode: '42000',
  sectors: ['bois'],
  territoryType: 'small_medium_town',
};

describe('SiteService', () => {
  it('geocodes a postal code offline to commune, département, region and centroid', async () => {
    const site = await s.sites.create(member, base);
    expect(site).toMatchObject({
      communeName: 'Saint-Étienne',
      communeInsee: '42218',
      departementCode: '42',
      departementName: 'Loire',
      regionName: 'Auvergne-Rhône-Alpes',
      locationRounded: false,
      locationApproximate: false,
    });
    expect(site.lat).toBeCloseTo(45.43, 1);
    expect(site.lon).toBeCloseTo(4.38, 1);
  });

  it('keeps a point corrected by the user, and refuses one far from the commune', async () => {
    const site = await s.sites.create(member, { ...base, lat: 45.44, lon: 4.4 });
    expect(site.lat).toBe(45.44);
    await expect(s.sites.create(member, { ...base, lat: 48.85, lon: 2.35 })).rejects.toMatchObject({
      code: 'VALIDATION',
      details: { fields: [{ path: 'lat', key: 'site.pointFarFromCommune' }] },
    });
  });

  it('lets the user pick the commune among those of a shared postal code', async () => {
    const choices = s.communes.byPostalCode('07230');
    expect(choices.length).toBeGreaterThan(1);
    const other = choices[1]!;
    const site = await s.sites.create(member, { ...base, postalCode: '07230', communeInsee: other.insee });
    expect(site.communeInsee).toBe(other.insee);
    await expect(
      s.sites.create(member, { ...base, postalCode: '07230', communeInsee: '92050' }),
    ).rejects.toMatchObject({
      details: { fields: [{ path: 'communeInsee' }] },
    });
  });

  it('rejects an unknown postal code and writes nothing', async () => {
    const before = (await s.sites.list(member, { page: 1, pageSize: 100 })).total;
    const error = await s.sites.create(member, { ...base, postalCode: '99999' }).catch((e) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect(error.details.fields[0]).toMatchObject({ path: 'postalCode', key: 'site.postalCodeUnknown' });
    expect((await s.sites.list(member, { page: 1, pageSize: 100 })).total).toBe(before);
  });

  it('updates a site and moves it with its postal code', async () => {
    const site = await s.sites.create(member, base);
    const updated = await s.sites.update(member, site.id, {
      ...base,
      name: 'Nouveau nom',
      postalCode: '92000',
    });
    expect(updated).toMatchObject({ name: 'Nouveau nom', communeName: 'Nanterre', departementCode: '92' });
    expect(new Date(updated.updatedAt).getTime()).toBeGreaterThanOrEqual(new Date(site.updatedAt).getTime());
  });

  it('reports a missing site as NOT_FOUND', async () => {
    await expect(s.sites.get(member, '00000000-0000-4000-8000-000000000000')).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('hides the exact address and contacts from anonymous visitors (commune centroid instead)', async () => {
    const site = await s.sites.create(member, { ...base, lat: 45.44, lon: 4.4, contactEmail: 'a@b.fr' });
    await s.sites.verify(await createTestUser(s, { roles: ['admin'] }), site.id);
    const seen = await s.sites.get(anonymous, site.id);
    expect(seen).toMatchObject({ address: null, contactEmail: null, locationRounded: true });
    expect(seen.lat).not.toBe(45.44);
  });
});

describe('SiteService.list', () => {
  it('filters by sector, département, territory type and text (accents ignored), paginated', async () => {
    const t = await createTestServices();
    const member = await createTestUser(t);
    try {
      const make = (
        name: string,
        postalCode: string,
        sectors: SiteInput['sectors'],
        territoryType: SiteInput['territoryType'],
      ) => t.sites.create(member, { ...base, name, postalCode, sectors, territoryType });
      await make('Écoles du textile', '59100', ['textile'], 'qpv');
      await make('Bois et métal', '59100', ['bois', 'metal'], 'qpv');
      await make('Céramique du Jura', '39170', ['ceramique'], 'rural');
      await make('Fablab de Nanterre', '92000', ['fabrication_numerique'], 'metropolis');

      expect(
        (await t.sites.list(member, { sector: 'bois', page: 1, pageSize: 10 })).items.map((x) => x.name),
      ).toEqual(['Bois et métal']);
      expect((await t.sites.list(member, { departementCode: '59', page: 1, pageSize: 10 })).total).toBe(2);
      expect((await t.sites.list(member, { territoryType: 'rural', page: 1, pageSize: 10 })).total).toBe(1);
      expect((await t.sites.list(member, { q: 'ecoles', page: 1, pageSize: 10 })).items[0]?.name).toBe(
        'Écoles du textile',
      );
      expect((await t.sites.list(member, { q: '100%_\\', page: 1, pageSize: 10 })).total).toBe(0);

      const p1 = await t.sites.list(member, { page: 1, pageSize: 3 });
      const p2 = await t.sites.list(member, { page: 2, pageSize: 3 });
      expect(p1.pageCount).toBe(2);
      expect([...p1.items, ...p2.items].map((x) => x.name)).toEqual([
        'Bois et métal',
        'Céramique du Jura',
        'Écoles du textile',
        'Fablab de Nanterre',
      ]);
    } finally {
      await t.database.close();
    }
  });
});

describe('seedDemo', () => {
  it('loads the demo network once, the five Île-de-France manufactures in their départements', async () => {
    const t = await createTestServices();
    try {
      const first = await t.seedDemo();
      // Created after the seed: the loader refuses to run next to accounts not marked demo.
      const member = await createTestUser(t);
      expect(first.sites).toBe(101);
      expect(first.lots).toBeGreaterThanOrEqual(100);
      expect(first.requests).toBeGreaterThan(40);
      const lots = await t.lots.search(member, { sort: 'newest', limit: 50 });
      expect(lots.items.length).toBe(50);
      expect(lots.items.every((l) => l.isDemo && l.cover !== null)).toBe(true);
      expect(first.accounts.map((a) => a.email)).toContain('admin@demo.retaille.fr');
      const again = await t.seedDemo();
      expect(again.sites).toBe(0);
      expect(again.accounts.length).toBe(4);
      const all = (await t.sites.list(member, { page: 1, pageSize: 100 })).items;
      const idf = Object.fromEntries(all.filter((x) => x.regionCode === '11').map((x) => [x.name, x]));
      expect(idf['Le Cube']).toMatchObject({
        departementCode: '95',
        locationApproximate: true,
        isDemo: true,
      });
      expect(idf['093 Lab']).toMatchObject({ departementCode: '93', locationApproximate: true });
      expect(idf["La Fabrique de l'Espoir"]).toMatchObject({ departementCode: '93' });
      expect(idf['La Forge']).toMatchObject({ departementCode: '78' });
      expect(idf.Électrolab).toMatchObject({ communeName: 'Nanterre', locationApproximate: false });
      expect(all.every((x) => x.isDemo)).toBe(true);
    } finally {
      await t.database.close();
    }
  }, 300_000);
});

describe('verification and visibility', () => {
  it('an unverified site is seen by its owner and coordinators in scope, verified by them only', async () => {
    const owner = await createTestUser(s);
    const stranger = await createTestUser(s);
    const idfCoordinator = await createTestUser(s, { roles: ['coordinator'], regions: ['11'] });
    const loireCoordinator = await createTestUser(s, { roles: ['coordinator'], departements: ['42'] });
    const admin = await createTestUser(s, { roles: ['admin'] });
    const site = await s.sites.create(owner, { ...base, postalCode: '92000' });
    expect(site).toMatchObject({ verified: false, myRole: 'owner', canEdit: true, canVerify: false });

    for (const who of [anonymous, stranger, loireCoordinator]) {
      await expect(s.sites.get(who, site.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      const listed = await s.sites.list(who, { page: 1, pageSize: 100 });
      expect(listed.items.map((x) => x.id)).not.toContain(site.id);
    }
    expect((await s.sites.get(idfCoordinator, site.id)).canVerify).toBe(true);
    const queue = await s.sites.list(idfCoordinator, { pendingVerification: true, page: 1, pageSize: 100 });
    expect(queue.items.map((x) => x.id)).toContain(site.id);
    await expect(
      s.sites.list(stranger, { pendingVerification: true, page: 1, pageSize: 10 }),
    ).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });

    await expect(s.sites.verify(owner, site.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(s.sites.verify(loireCoordinator, site.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const verified = await s.sites.verify(idfCoordinator, site.id);
    expect(verified.verified).toBe(true);
    expect((await s.sites.verify(admin, site.id)).verifiedAt).toBe(verified.verifiedAt);
    expect((await s.sites.get(anonymous, site.id)).verified).toBe(true);
  });

  it('a coordinator never verifies their own site, and their queue holds only what they may verify', async () => {
    // The queue is a coordinator's work list: their own site waits for another coordinator, so it
    // is left out of it (its own page says it is pending), and nowhere offers them to verify it.
    const coordinator = await createTestUser(s, { roles: ['coordinator'], departements: ['42'] });
    const colleague = await createTestUser(s, { roles: ['coordinator'], departements: ['42'] });
    const own = await s.sites.create(coordinator, { ...base, postalCode: '42000' });
    const ownElsewhere = await s.sites.create(coordinator, { ...base, postalCode: '92000' });
    const someoneElses = await s.sites.create(await createTestUser(s), { ...base, postalCode: '42000' });

    expect(await s.sites.get(coordinator, own.id)).toMatchObject({ myRole: 'owner', canVerify: false });
    await expect(s.sites.verify(coordinator, own.id)).rejects.toMatchObject({
      code: 'FORBIDDEN',
      key: 'site.selfVerification',
    });
    const queue = await s.sites.list(coordinator, { pendingVerification: true, page: 1, pageSize: 100 });
    const queued = queue.items.map((x) => x.id);
    expect(queued).toContain(someoneElses.id);
    expect(queued).not.toContain(own.id);
    expect(queued).not.toContain(ownElsewhere.id);
    expect(queue.items.every((x) => x.canVerify)).toBe(true);
    const directory = await s.sites.list(coordinator, { page: 1, pageSize: 100 });
    expect(directory.items.find((x) => x.id === own.id)).toMatchObject({ myRole: 'owner', canVerify: false });

    // Another coordinator of the département has it in their queue and verifies it.
    const theirs = await s.sites.list(colleague, { pendingVerification: true, page: 1, pageSize: 100 });
    expect(theirs.items.find((x) => x.id === own.id)).toMatchObject({ canVerify: true });
    expect((await s.sites.verify(colleague, own.id)).verified).toBe(true);
  });

  it('an admin may verify a site they belong to, and has it in their queue', async () => {
    const admin = await createTestUser(s, { roles: ['admin'] });
    const site = await s.sites.create(admin, { ...base, postalCode: '42000' });
    expect(site.canVerify).toBe(true);
    const queue = await s.sites.list(admin, { pendingVerification: true, page: 1, pageSize: 100 });
    expect(queue.items.find((x) => x.id === site.id)).toMatchObject({ myRole: 'owner', canVerify: true });
    expect((await s.sites.verify(admin, site.id)).verified).toBe(true);
  });

  it('only owners and admins edit a site', async () => {
    const owner = await createTestUser(s);
    const other = await createTestUser(s);
    const admin = await createTestUser(s, { roles: ['admin'] });
    const site = await s.sites.create(owner, base);
    await s.sites.verify(admin, site.id);
    await expect(s.sites.update(other, site.id, { ...base, name: 'Piraté' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(s.sites.update(anonymous, site.id, base)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    expect((await s.sites.update(admin, site.id, { ...base, name: 'Par admin' })).name).toBe('Par admin');
    expect((await s.sites.get(other, site.id)).name).toBe('Par admin');
  });

  it('anonymous visitors cannot create sites', async () => {
    await expect(s.sites.create(anonymous, base)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});
