import { EMBEDDED_FACTOR_VERSION, parisMonth } from '@retaille/domain';
import {
  createTestServices,
  createTestSite,
  createTestUser,
  lotInput,
  TEST_PASSWORD,
  type TestServices,
} from '@retaille/services/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from './server.ts';
import { TestClient } from './support.test-helpers.ts';

let services: TestServices;
let app: FastifyInstance;
const month = parisMonth(new Date().toISOString());
const query = `from=${month}&to=${month}`;

async function signedIn(roles: ('admin' | 'coordinator')[] = []) {
  const user = await createTestUser(services, { roles });
  const client = new TestClient(app, services.config.publicUrl);
  await client.auth('/sign-in/email', { email: user.email, password: TEST_PASSWORD });
  return { user, client };
}

beforeAll(async () => {
  services = await createTestServices();
  app = await buildServer({ config: services.config, services });
  await app.ready();
  // One completed trade to export.
  const seller = await createTestUser(services);
  const buyer = await createTestUser(services);
  const siteId = (await createTestSite(services, seller)).id;
  const buyerSiteId = (await createTestSite(services, buyer)).id;
  const lot = await services.lots.create(
    seller,
    lotInput(siteId, { materialKey: 'wood_other', unit: 'kg', quantity: 5, dimensions: {} } as never),
  );
  const trade = await services.trades.request(buyer, { lotId: lot.id, quantity: 5, buyerSiteId });
  await services.trades.accept(seller, trade.id);
  await services.trades.handOver(seller, trade.id, 5);
  await services.trades.confirmReceipt(buyer, trade.id);
});
afterAll(async () => {
  await app.close();
  await services.database.close();
});

describe('GET /api/impact/export.(csv|json|xlsx)', () => {
  it('downloads the lines as CSV with the factor version and sources for a coordinator', async () => {
    const { client } = await signedIn(['coordinator']);
    const r = await client.request('GET', `/api/impact/export.csv?${query}&sector=bois`);
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('text/csv');
    expect(r.headers['content-disposition']).toMatch(/attachment; filename="retaille-impact-lines-.*\.csv"/);
    expect(r.body.startsWith('\uFEFFÉchange;')).toBe(true);
    expect(r.body.split('\r\n').filter(Boolean)).toHaveLength(2);
    const sources = await client.request(
      'GET',
      `/api/impact/export.csv?${query}&sector=bois&kind=sources&lang=en`,
    );
    expect(sources.statusCode).toBe(200);
    expect(sources.body).toContain(`Factor versions,${EMBEDDED_FACTOR_VERSION}`);
    expect(sources.body).toContain('Source,');
  });

  it('downloads every aggregate as JSON', async () => {
    const { client } = await signedIn(['admin']);
    const r = await client.request('GET', `/api/impact/export.json?${query}&kind=aggregates`);
    expect(r.statusCode).toBe(200);
    const json = r.json();
    expect(json.meta.factorVersions).toEqual([EMBEDDED_FACTOR_VERSION]);
    expect(json.totals.trades).toBe(1);
  });

  it('downloads an Excel workbook (a zip) of the aggregates and of the lines', async () => {
    const { client } = await signedIn(['coordinator']);
    for (const kind of ['aggregates', 'lines', 'sources']) {
      const r = await client.request('GET', `/api/impact/export.xlsx?${query}&kind=${kind}`);
      expect(r.statusCode).toBe(200);
      expect(r.headers['content-type']).toBe(
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      );
      expect(r.headers['content-disposition']).toMatch(
        new RegExp(`attachment; filename="retaille-impact-${kind}-.*\\.xlsx"`),
      );
      // An .xlsx file is a zip archive: "PK\x03\x04".
      expect(r.rawPayload.subarray(0, 4)).toEqual(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
    }
  });

  it('refuses anonymous visitors, users without a scope and bad filters', async () => {
    const anonymous = new TestClient(app, services.config.publicUrl);
    expect((await anonymous.request('GET', `/api/impact/export.csv?${query}`)).statusCode).toBe(401);
    const { client } = await signedIn();
    expect((await client.request('GET', `/api/impact/export.csv?${query}`)).statusCode).toBe(403);
    expect((await client.request('GET', '/api/impact/export.csv?from=2026-13&to=2026-01')).statusCode).toBe(
      400,
    );
    expect((await client.request('GET', `/api/impact/export.csv?${query}&kind=all`)).statusCode).toBe(400);
  });
});
