import type { Services } from '@retaille/services';
import { anonymous } from '@retaille/services';
import { createTestServices, createTestUser } from '@retaille/services/testing';
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRouter } from '../../router.ts';
import { createCallerFactory } from '../../trpc.ts';

let services: Services;
const createCaller = createCallerFactory(appRouter);
let caller: ReturnType<typeof createCaller>;

beforeAll(async () => {
  services = await createTestServices();
  caller = createCaller({ services, actor: await createTestUser(services) });
});
afterAll(() => services.database.close());

const valid = {
  name: 'Recyclerie du Plateau',
  address: '3 place du Marché',
  postalCode: '39170',
  sectors: ['reemploi' as const],
  territoryType: 'rural' as const,
};

async function fieldsOf(promise: Promise<unknown>) {
  const error = await promise.then(
    () => expect.unreachable('should have failed'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCError);
  const formatted = appRouter._def._config.errorFormatter({
    error: error as TRPCError,
    type: 'mutation',
    path: 'sites.create',
    input: undefined,
    ctx: undefined,
    shape: {
      message: (error as TRPCError).message,
      code: -32600,
      data: { code: (error as TRPCError).code, httpStatus: 400, path: 'sites.create' },
    },
  }) as { data: { fields: { path: string; fr: string; en: string }[]; code: string } };
  return formatted.data;
}

describe('sites procedures', () => {
  it('create → get → list round trip, with output validated', async () => {
    const created = await caller.sites.create(valid);
    expect(created.communeName).toBe('Lavans-lès-Saint-Claude'); // the most populated commune of 39170
    expect(await caller.sites.get({ id: created.id })).toEqual(created);
    const list = await caller.sites.list({ sector: 'reemploi' });
    expect(list.items.map((s) => s.id)).toContain(created.id);
  });

  it.each([
    [{ ...valid, name: '' }, 'name', 'Le nom du site est obligatoire.', 'The site name is required.'],
    [
      { ...valid, postalCode: '99999' },
      'postalCode',
      "Le code postal 99999 n'existe pas.",
      'Postal code 99999 does not exist.',
    ],
    [
      { ...valid, postalCode: '7500' },
      'postalCode',
      'Le code postal doit comporter 5 chiffres.',
      'The postal code must have 5 digits.',
    ],
    [
      { ...valid, lat: 123, lon: 5 },
      'lat',
      'La latitude doit être comprise entre -90 et 90.',
      'Latitude must be between -90 and 90.',
    ],
    [{ ...valid, sectors: ['quantum'] }, 'sectors.0', 'Filière inconnue.', 'Unknown sector.'],
    [{ ...valid, sectors: [] }, 'sectors', 'Choisissez au moins une filière.', 'Choose at least one sector.'],
    [
      { ...valid, website: 'javascript:alert(1)' },
      'website',
      expect.stringContaining('Adresse web invalide'),
      expect.stringContaining('Invalid web address'),
    ],
    [
      { ...valid, contactEmail: 'pas-un-email' },
      'contactEmail',
      'Adresse e-mail invalide.',
      'Invalid e-mail address.',
    ],
    [
      { ...valid, territoryType: 'city' },
      'territoryType',
      'Type de territoire inconnu.',
      'Unknown territory type.',
    ],
  ])('rejects %o naming the field in French and English, writing nothing', async (input, path, fr, en) => {
    const before = (await caller.sites.list({ pageSize: 100 })).total;
    const data = await fieldsOf(caller.sites.create(input as never));
    expect(data.code).toBe('BAD_REQUEST');
    expect(data.fields).toContainEqual(expect.objectContaining({ path, fr, en }));
    expect((await caller.sites.list({ pageSize: 100 })).total).toBe(before);
  });

  it('answers NOT_FOUND for an unknown site and BAD_REQUEST for a malformed id', async () => {
    await expect(caller.sites.get({ id: '00000000-0000-4000-8000-000000000000' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(caller.sites.get({ id: 'nope' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('updates a site', async () => {
    const created = await caller.sites.create(valid);
    const updated = await caller.sites.update({ id: created.id, site: { ...valid, name: 'Autre nom' } });
    expect(updated.name).toBe('Autre nom');
  });

  it('geocodes communes offline by name or postal code', async () => {
    const anon = createCaller({ services, actor: anonymous });
    const byName = await anon.geo.searchCommunes({ q: 'saint-etienne' });
    expect(byName[0]).toMatchObject({ insee: '42218', departementName: 'Loire' });
    const byCode = await anon.geo.searchCommunes({ q: '92000' });
    expect(byCode[0]).toMatchObject({ name: 'Nanterre' });
  });
});
