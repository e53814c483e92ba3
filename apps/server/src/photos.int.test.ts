import { Readable } from 'node:stream';
import {
  createTestServices,
  createTestUser,
  TEST_PASSWORD,
  type TestServices,
} from '@retaille/services/testing';
import type { FastifyInstance } from 'fastify';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from './server.ts';
import { TestClient } from './support.test-helpers.ts';

let services: TestServices;
let app: FastifyInstance;
let client: TestClient;

beforeAll(async () => {
  services = await createTestServices();
  app = await buildServer({ config: services.config, services });
  await app.ready();
  client = new TestClient(app, services.config.publicUrl);
  const user = await createTestUser(services);
  await client.auth('/sign-in/email', { email: user.email, password: TEST_PASSWORD });
});
afterAll(async () => {
  await app.close();
  await services.database.close();
});

function multipart(data: Buffer, filename: string, type: string) {
  const boundary = `----retaille${Date.now()}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="photo"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return {
    payload: Buffer.concat([head, data, tail]),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}

async function upload(data: Buffer, filename = 'photo.jpg', type = 'image/jpeg', csrf = true) {
  const body = multipart(data, filename, type);
  const cookie = (client as unknown as { cookieHeader(): string }).cookieHeader();
  return app.inject({
    method: 'POST',
    url: '/api/photos',
    headers: { 'content-type': body.contentType, cookie, ...(csrf ? { 'x-retaille-csrf': '1' } : {}) },
    payload: body.payload,
  });
}

describe('lot photos', () => {
  it('resizes, auto-rotates and strips EXIF (GPS) from an upload, with a thumbnail', async () => {
    const jpeg = await sharp({ create: { width: 3000, height: 2000, channels: 3, background: '#8b5a2b' } })
      .jpeg()
      .withExif({
        IFD0: { Make: 'Retaille test', Copyright: 'secret' },
        IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '45/1 45/1 0/1' },
      })
      .toBuffer();
    expect((await sharp(jpeg).metadata()).exif).toBeDefined();
    const r = await upload(jpeg);
    expect(r.statusCode).toBe(200);
    const photo = r.json() as { id: string; url: string; thumbUrl: string; width: number; height: number };
    expect(photo.width).toBe(1600);
    expect(photo.height).toBe(1067);
    const image = await app.inject(photo.url);
    expect(image.headers['content-type']).toBe('image/webp');
    const meta = await sharp(image.rawPayload).metadata();
    expect(meta.exif).toBeUndefined();
    expect(meta.width).toBe(1600);
    const thumb = await sharp((await app.inject(photo.thumbUrl)).rawPayload).metadata();
    expect([thumb.width, thumb.height]).toEqual([480, 360]);
  });

  it('refuses a file that is not an image', async () => {
    const r = await upload(Buffer.from('%PDF-1.4 not an image'), 'doc.pdf', 'application/pdf');
    expect(r.statusCode).toBe(400);
    expect(r.json()).toMatchObject({
      error: { key: 'photo.notAnImage', fields: [{ path: 'photo', fr: expect.stringContaining('image') }] },
    });
  });

  it('refuses a decompression bomb (too many pixels) without decoding it', async () => {
    const bomb = await sharp({ create: { width: 9000, height: 9000, channels: 3, background: '#000' } })
      .png({ compressionLevel: 9 })
      .toBuffer();
    expect(bomb.length).toBeLessThan(2_000_000);
    const r = await upload(bomb, 'bomb.png', 'image/png');
    expect(r.statusCode).toBe(400);
  });

  it('answers 413 with photo.tooLarge and status 413 in the body over the maximum, whatever the size', async () => {
    const tooLarge = {
      error: {
        status: 413,
        key: 'photo.tooLarge',
        fields: [{ path: 'photo', key: 'photo.tooLarge', fr: expect.stringContaining('12 Mo') }],
      },
    };
    for (const mb of [12.5, 13, 16.5, 20]) {
      const r = await upload(Buffer.alloc(Math.round(mb * 1024 * 1024), 1));
      expect(r.statusCode, `${mb} MiB`).toBe(413);
      expect(r.json(), `${mb} MiB`).toMatchObject(tooLarge);
    }
    // Streamed without a declared length: the multipart limit answers the same.
    const body = multipart(Buffer.alloc(13 * 1024 * 1024, 1), 'photo.jpg', 'image/jpeg');
    const cookie = (client as unknown as { cookieHeader(): string }).cookieHeader();
    const streamed = await app.inject({
      method: 'POST',
      url: '/api/photos',
      headers: { 'content-type': body.contentType, cookie, 'x-retaille-csrf': '1' },
      payload: Readable.from([body.payload.subarray(0, 1024), body.payload.subarray(1024)]),
    });
    expect(streamed.statusCode).toBe(413);
    expect(streamed.json()).toMatchObject(tooLarge);
  });

  it('answers 401 anonymously and 403 without the CSRF header', async () => {
    expect((await upload(Buffer.from('x'), 'a.jpg', 'image/jpeg', false)).statusCode).toBe(403);
    const anonymous = await app.inject({
      method: 'POST',
      url: '/api/photos',
      headers: { 'content-type': 'multipart/form-data; boundary=x', 'x-retaille-csrf': '1' },
      payload: '--x--',
    });
    expect(anonymous.statusCode).toBe(401);
  });

  it('attaches uploaded photos to a lot in order', async () => {
    const owner = await createTestUser(services);
    const c = new TestClient(app, services.config.publicUrl);
    await c.auth('/sign-in/email', { email: owner.email, password: TEST_PASSWORD });
    const png = await sharp({ create: { width: 800, height: 600, channels: 3, background: '#ccc' } })
      .png()
      .toBuffer();
    const body = multipart(png, 'p.png', 'image/png');
    const cookie = (c as unknown as { cookieHeader(): string }).cookieHeader();
    const ids: string[] = [];
    for (let i = 0; i < 2; i++) {
      const r = await app.inject({
        method: 'POST',
        url: '/api/photos',
        headers: { 'content-type': body.contentType, cookie, 'x-retaille-csrf': '1' },
        payload: body.payload,
      });
      ids.push((r.json() as { id: string }).id);
    }
    const site = await services.sites.create(owner, {
      name: 'Photos',
      description: '',
      address: 'x',
      postalCode: '75011',
      sectors: ['bois'],
      territoryType: 'metropolis',
    });
    await services.sites.verify(await createTestUser(services, { roles: ['admin'] }), site.id);
    const lot = await c.mutate<{ photos: { id: string }[] }>('lots.create', {
      siteId: site.id,
      title: 'Avec photos',
      materialKey: 'oak',
      condition: 'offcut',
      unit: 'kg',
      quantity: 12,
      free: true,
      photoIds: [ids[1], ids[0]],
    });
    expect(lot.status).toBe(200);
    expect(lot.data.photos.map((p) => p.id)).toEqual([ids[1], ids[0]]);
  });
});
