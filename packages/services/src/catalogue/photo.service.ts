import { randomUUID } from 'node:crypto';
import { type DatabaseHandle, lotRepository, photoRepository } from '@retaille/db';
import { DomainError } from '@retaille/domain';
import sharp, { type Metadata, type OutputInfo } from 'sharp';
import type { Actor } from '../auth/actor.ts';
import { requireUser } from '../auth/policy.ts';
import { type Links, serverLinks } from '../ports/links.ts';
import { databasePhotoStore, type PhotoStore } from './photo-store.ts';

/** Uploads larger than this are refused before decoding. */
export const MAX_PHOTO_BYTES = 12 * 1024 * 1024;
/** Decompression-bomb guard: sharp refuses images above this many pixels. */
const MAX_INPUT_PIXELS = 60_000_000;
const ACCEPTED_FORMATS = new Set(['jpeg', 'png', 'webp', 'avif', 'heif', 'gif', 'tiff']);
/** Photo ids are UUIDs; anything else is "not found" before it reaches the database. */
const PHOTO_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * What one account may upload: photos per rolling 24 hours, and bytes stored in all (images and
 * thumbnails). A lot holds 8 photos, so a busy workshop posting 7 lots a day stays under both.
 */
export interface PhotoQuotas {
  perDay: number;
  storedBytes: number;
}
export const DEFAULT_PHOTO_QUOTAS: PhotoQuotas = { perDay: 60, storedBytes: 500 * 1024 * 1024 };
/** Photos never attached to a lot are deleted after this long (see `deleteUnattached`). */
export const UNATTACHED_PHOTO_TTL_MS = 24 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

const badPhoto = (key: string, params?: Record<string, string | number>) =>
  new DomainError('VALIDATION', 'validation.failed', {
    fields: [{ path: 'photo', key, ...(params ? { params } : {}) }],
  });

const quotaExceeded = (params: Record<string, string | number>) =>
  new DomainError('RATE_LIMITED', 'photo.quotaExceeded', {
    fields: [{ path: 'photo', key: 'photo.quotaExceeded', params }],
  });

/**
 * Lot photos: decoded and re-encoded by sharp (so what we store is always an image we made),
 * auto-rotated from EXIF then stripped of all metadata (GPS included), resized to 1600 px and a
 * 480 px thumbnail, both WebP. Stored in the database by default, so a self-hosted install has one
 * thing to back up, or in an S3-compatible bucket (`PhotoStore`) when several servers share the load.
 */
export class PhotoService {
  constructor(
    private readonly deps: {
      db: DatabaseHandle['db'];
      now: () => Date;
      quotas?: PhotoQuotas;
      store?: PhotoStore;
      /** Where the server serves photo bytes; the web app's routes when absent. */
      links?: Pick<Links, 'photo'>;
    },
  ) {}

  private get store() {
    return this.deps.store ?? databasePhotoStore;
  }

  private get quotas() {
    return this.deps.quotas ?? DEFAULT_PHOTO_QUOTAS;
  }

  async upload(
    actor: Actor,
    data: Buffer,
  ): Promise<{ id: string; url: string; thumbUrl: string; width: number; height: number }> {
    const user = requireUser(actor);
    if (data.length === 0) throw badPhoto('photo.empty');
    if (data.length > MAX_PHOTO_BYTES)
      throw badPhoto('photo.tooLarge', { maxMb: MAX_PHOTO_BYTES / 1024 / 1024 });
    // Cheap early refusal before decoding; the check that counts is under the lock below.
    const now = this.deps.now();
    const since = new Date(now.getTime() - DAY_MS);
    const quotas = this.quotas;
    if (
      (await photoRepository.uploaderUsage(this.deps.db, user.userId, since)).recentCount >= quotas.perDay
    ) {
      throw quotaExceeded({ period: 'day', max: quotas.perDay });
    }
    let meta: Metadata;
    try {
      meta = await sharp(data, { limitInputPixels: MAX_INPUT_PIXELS }).metadata();
    } catch {
      throw badPhoto('photo.notAnImage');
    }
    if (!meta.format || !ACCEPTED_FORMATS.has(meta.format)) throw badPhoto('photo.notAnImage');
    if ((meta.width ?? 0) * (meta.height ?? 0) > MAX_INPUT_PIXELS) throw badPhoto('photo.tooManyPixels');
    let image: { data: Buffer; info: OutputInfo };
    let thumb: Buffer;
    try {
      const base = () => sharp(data, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' }).rotate();
      image = await base()
        .resize({ width: 1600, height: 1600, fit: 'inside', withoutEnlargement: true })
        .webp({ quality: 80 })
        .toBuffer({ resolveWithObject: true });
      thumb = await base().resize({ width: 480, height: 360, fit: 'cover' }).webp({ quality: 72 }).toBuffer();
    } catch {
      throw badPhoto('photo.notAnImage');
    }
    // An external store gets the bytes first (no network call inside the transaction); the row,
    // with empty byte columns, then points at them. A refused upload deletes what was put.
    const id = randomUUID();
    const external = this.store.kind !== 'database';
    if (external) {
      await this.store.put(id, 'image', image.data, 'image/webp');
      await this.store.put(id, 'thumb', thumb, 'image/webp');
    }
    const row = await this.deps.db
      .transaction()
      .execute(async (trx) => {
        await photoRepository.lockUploader(trx, user.userId);
        const usage = await photoRepository.uploaderUsage(trx, user.userId, since);
        if (usage.recentCount >= quotas.perDay) {
          throw quotaExceeded({ period: 'day', max: quotas.perDay });
        }
        if (usage.storedBytes + image.data.length + thumb.length > quotas.storedBytes) {
          throw quotaExceeded({ period: 'total', maxMb: Math.round(quotas.storedBytes / 1024 / 1024) });
        }
        return lotRepository.insertPhoto(trx, {
          id,
          uploaded_by: user.userId,
          width: image.info.width,
          height: image.info.height,
          image: external ? Buffer.alloc(0) : image.data,
          thumb: external ? Buffer.alloc(0) : thumb,
          content_type: 'image/webp',
          // With an external store the empty thumb column counts nothing: `bytes` carries both sizes.
          bytes: external ? image.data.length + thumb.length : image.data.length,
          created_at: now,
        });
      })
      .catch(async (e: unknown) => {
        if (external) await this.store.delete([id]).catch(() => {});
        throw e;
      });
    return {
      id: row.id,
      url: (this.deps.links ?? serverLinks).photo(row.id),
      thumbUrl: (this.deps.links ?? serverLinks).photo(row.id, 'thumb'),
      width: row.width,
      height: row.height,
    };
  }

  async read(id: string, size: 'image' | 'thumb') {
    if (!PHOTO_ID.test(id)) return undefined;
    const photo = await lotRepository.findPhotoImage(this.deps.db, id, size);
    if (!photo || photo.data.length > 0) return photo;
    const data = await this.store.get(id, size);
    return data ? { ...photo, data } : undefined;
  }

  /**
   * Housekeeping: deletes photos uploaded more than 24 h before `now` and attached to no lot
   * (abandoned posts, or uploads used as free storage). Safe to run from several servers at once.
   */
  async deleteUnattached(now: Date): Promise<number> {
    return photoRepository.deleteUnattachedBefore(
      this.deps.db,
      new Date(now.getTime() - UNATTACHED_PHOTO_TTL_MS),
    );
  }
}
