import { type DatabaseHandle, lotRepository } from '@retaille/db';
import { DomainError } from '@retaille/domain';
import sharp, { type Metadata, type OutputInfo } from 'sharp';
import type { Actor } from '../auth/actor.ts';
import { requireUser } from '../auth/policy.ts';

/** Uploads larger than this are refused before decoding. */
export const MAX_PHOTO_BYTES = 12 * 1024 * 1024;
/** Decompression-bomb guard: sharp refuses images above this many pixels. */
const MAX_INPUT_PIXELS = 60_000_000;
const ACCEPTED_FORMATS = new Set(['jpeg', 'png', 'webp', 'avif', 'heif', 'gif', 'tiff']);

const badPhoto = (key: string, params?: Record<string, string | number>) =>
  new DomainError('VALIDATION', 'validation.failed', {
    fields: [{ path: 'photo', key, ...(params ? { params } : {}) }],
  });

/**
 * Lot photos: decoded and re-encoded by sharp (so what we store is always an image we made),
 * auto-rotated from EXIF then stripped of all metadata (GPS included), resized to 1600 px and a
 * 480 px thumbnail, both WebP. Stored in the database so a self-hosted install has one thing to back up.
 */
export class PhotoService {
  constructor(private readonly deps: { db: DatabaseHandle['db'] }) {}

  async upload(
    actor: Actor,
    data: Buffer,
  ): Promise<{ id: string; url: string; thumbUrl: string; width: number; height: number }> {
    const user = requireUser(actor);
    if (data.length === 0) throw badPhoto('photo.empty');
    if (data.length > MAX_PHOTO_BYTES)
      throw badPhoto('photo.tooLarge', { maxMb: MAX_PHOTO_BYTES / 1024 / 1024 });
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
    const row = await lotRepository.insertPhoto(this.deps.db, {
      uploaded_by: user.userId,
      width: image.info.width,
      height: image.info.height,
      image: image.data,
      thumb,
      content_type: 'image/webp',
      bytes: image.data.length,
    });
    return {
      id: row.id,
      url: `/api/photos/${row.id}`,
      thumbUrl: `/api/photos/${row.id}?size=thumb`,
      width: row.width,
      height: row.height,
    };
  }

  async read(id: string, size: 'image' | 'thumb') {
    if (!/^[0-9a-f-]{36}$/.test(id)) return undefined;
    return lotRepository.findPhotoImage(this.deps.db, id, size);
  }
}
