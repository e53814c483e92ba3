import {
  DeleteObjectsCommand,
  GetObjectCommand,
  NoSuchKey,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import type { Config } from '@retaille/config';

export type PhotoSize = 'image' | 'thumb';

/**
 * Where the bytes of lot photos live. The `lot_photo` row (owner, size, lot) is always in the
 * database; its `image`/`thumb` columns hold the bytes only with the database store. An external
 * store leaves them empty, which is how `PhotoService.read` knows to ask the store.
 */
export interface PhotoStore {
  readonly kind: 'database' | 's3';
  put(id: string, size: PhotoSize, data: Buffer, contentType: string): Promise<void>;
  get(id: string, size: PhotoSize): Promise<Buffer | undefined>;
  delete(ids: string[]): Promise<void>;
}

/** The default: the bytes stay in the database row, one thing to back up for a self-hosted install. */
export const databasePhotoStore: PhotoStore = {
  kind: 'database',
  put: async () => {},
  get: async () => undefined,
  delete: async () => {},
};

const objectKey = (id: string, size: PhotoSize) => `photos/${id}/${size}.webp`;

/** Any S3-compatible bucket (AWS, MinIO, Scaleway…), so every server process sees every photo. */
export class S3PhotoStore implements PhotoStore {
  readonly kind = 's3' as const;
  private readonly client: S3Client;

  constructor(private readonly settings: Extract<Config['photoStore'], { kind: 's3' }>) {
    this.client = new S3Client({
      region: settings.region,
      forcePathStyle: settings.forcePathStyle,
      ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
      ...(settings.credentials ? { credentials: settings.credentials } : {}),
    });
  }

  async put(id: string, size: PhotoSize, data: Buffer, contentType: string): Promise<void> {
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.settings.bucket,
        Key: objectKey(id, size),
        Body: data,
        ContentType: contentType,
        // Photo ids are never reused: an object never changes once written.
        CacheControl: 'public, max-age=31536000, immutable',
      }),
    );
  }

  async get(id: string, size: PhotoSize): Promise<Buffer | undefined> {
    try {
      const r = await this.client.send(
        new GetObjectCommand({ Bucket: this.settings.bucket, Key: objectKey(id, size) }),
      );
      return r.Body ? Buffer.from(await r.Body.transformToByteArray()) : undefined;
    } catch (e) {
      if (e instanceof NoSuchKey || (e as { name?: string }).name === 'NoSuchKey') return undefined;
      throw e;
    }
  }

  async delete(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.client.send(
      new DeleteObjectsCommand({
        Bucket: this.settings.bucket,
        Delete: {
          Objects: ids.flatMap((id) => [{ Key: objectKey(id, 'image') }, { Key: objectKey(id, 'thumb') }]),
        },
      }),
    );
  }

  /** Readiness: the bucket answers (a missing key is an answer). */
  async ping(): Promise<boolean> {
    return (await this.get('00000000-0000-0000-0000-000000000000', 'thumb').catch(() => false)) !== false;
  }
}

export function createPhotoStore(config: Pick<Config, 'photoStore'>): PhotoStore {
  return config.photoStore.kind === 's3' ? new S3PhotoStore(config.photoStore) : databasePhotoStore;
}
