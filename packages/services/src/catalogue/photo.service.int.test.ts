import { lotRepository } from '@retaille/db';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestServices,
  createTestSite,
  createTestUser,
  lotInput,
  type TestServices,
} from '../testing/test-services.ts';
import { type PhotoQuotas, PhotoService } from './photo.service.ts';

const HOUR = 60 * 60 * 1000;
let s: TestServices;
let png: Buffer;
let clock = new Date('2026-12-01T08:00:00Z');
const now = () => clock;
const unattachedBefore = async (before: Date) =>
  Number(
    (
      await s.database.db
        .selectFrom('lot_photo')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('lot_id', 'is', null)
        .where('created_at', '<', before)
        .executeTakeFirstOrThrow()
    ).n,
  );
const photosWith = (quotas: PhotoQuotas) => new PhotoService({ db: s.database.db, now, quotas });

beforeAll(async () => {
  s = await createTestServices({}, { now });
  png = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#a0522d' } })
    .png()
    .toBuffer();
});
afterAll(() => s.database.close());

describe('photo quotas', () => {
  it('refuses the upload past the daily count, per account, and accepts again a day later', async () => {
    const photos = photosWith({ perDay: 3, storedBytes: 100 * 1024 * 1024 });
    const user = await createTestUser(s);
    const other = await createTestUser(s);
    for (let i = 0; i < 3; i++) await photos.upload(user, png);
    await expect(photos.upload(user, png)).rejects.toMatchObject({
      code: 'RATE_LIMITED',
      key: 'photo.quotaExceeded',
      details: { fields: [{ path: 'photo', key: 'photo.quotaExceeded', params: { period: 'day', max: 3 } }] },
    });
    await expect(photos.upload(other, png)).resolves.toMatchObject({ width: 640 });
    clock = new Date(clock.getTime() + 24 * HOUR + 1000);
    await expect(photos.upload(user, png)).resolves.toMatchObject({ width: 640 });
  });

  it('counts parallel uploads under a lock: never more than the quota', async () => {
    const photos = photosWith({ perDay: 3, storedBytes: 100 * 1024 * 1024 });
    const user = await createTestUser(s);
    const results = await Promise.allSettled(Array.from({ length: 6 }, () => photos.upload(user, png)));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(3);
    for (const r of results.filter((r) => r.status === 'rejected'))
      expect((r as PromiseRejectedResult).reason).toMatchObject({ key: 'photo.quotaExceeded' });
  });

  it('refuses the upload that would take the account past its stored bytes', async () => {
    const user = await createTestUser(s);
    const first = await photosWith({ perDay: 60, storedBytes: 100 * 1024 * 1024 }).upload(user, png);
    const stored = await lotRepository.findPhotoImage(s.database.db, first.id, 'image');
    const thumb = await lotRepository.findPhotoImage(s.database.db, first.id, 'thumb');
    const one = stored!.data.length + thumb!.data.length;
    // Room for exactly two such photos: the second fits, the third does not.
    const photos = photosWith({ perDay: 60, storedBytes: 2 * one });
    await photos.upload(user, png);
    await expect(photos.upload(user, png)).rejects.toMatchObject({
      code: 'RATE_LIMITED',
      details: { fields: [{ params: { period: 'total' } }] },
    });
  });

  it('applies 60 a day and 500 MB by default', async () => {
    const user = await createTestUser(s);
    for (let i = 0; i < 60; i++) await s.photos.upload(user, png);
    await expect(s.photos.upload(user, png)).rejects.toMatchObject({
      details: { fields: [{ params: { period: 'day', max: 60 } }] },
    });
  });
});

describe('photo reads', () => {
  it('answers "not found" for malformed ids without querying', async () => {
    for (const id of [
      '------------------------------------',
      'ffffffff-ffff-ffff-ffff-fffffffffff-',
      '0000000000000000000000000000000000000',
      "' or 1=1 --",
      '',
    ]) {
      expect(await s.photos.read(id, 'image')).toBeUndefined();
    }
    expect(await s.photos.read('00000000-0000-4000-8000-000000000000', 'thumb')).toBeUndefined();
  });
});

describe('unattached photo clean-up', () => {
  it('deletes photos attached to no lot after 24 h, never those of a draft or published lot', async () => {
    const owner = await createTestUser(s);
    const site = await createTestSite(s, owner);
    // Start from a clean slate: the other tests' uploads are all older than t0.
    const t0 = new Date(clock.getTime() + HOUR);
    clock = t0;
    await s.photos.deleteUnattached(new Date(t0.getTime() + 24 * HOUR));
    const orphan = await s.photos.upload(owner, png);
    const inDraft = await s.photos.upload(owner, png);
    const inPublished = await s.photos.upload(owner, png);
    await s.lots.create(owner, lotInput(site.id, { publish: false, photoIds: [inDraft.id] }));
    await s.lots.create(owner, lotInput(site.id, { photoIds: [inPublished.id] }));
    clock = new Date(t0.getTime() + 20 * HOUR);
    const young = await s.photos.upload(owner, png);

    expect(await s.photos.deleteUnattached(new Date(t0.getTime() + 23 * HOUR))).toBe(0);
    expect(await s.photos.read(orphan.id, 'image')).toBeDefined();

    // Two servers ticking at the same moment: each photo is deleted once.
    const at = new Date(t0.getTime() + 25 * HOUR);
    const due = await unattachedBefore(new Date(at.getTime() - 24 * HOUR));
    expect(due).toBe(1);
    const deleted = await Promise.all([s.photos.deleteUnattached(at), s.photos.deleteUnattached(at)]);
    expect(deleted[0] + deleted[1]).toBe(due);
    expect(await s.photos.read(orphan.id, 'image')).toBeUndefined();
    for (const kept of [inDraft, inPublished, young]) {
      expect(await s.photos.read(kept.id, 'image')).toBeDefined();
    }

    expect(await s.photos.deleteUnattached(new Date(t0.getTime() + 100 * 24 * HOUR))).toBe(1);
    expect(await s.photos.read(young.id, 'image')).toBeUndefined();
    expect(await s.photos.read(inDraft.id, 'image')).toBeDefined();
    expect(await s.photos.read(inPublished.id, 'image')).toBeDefined();
  });
});
