/**
 * Photo upload for the post form: `POST /api/photos` (multipart, one file, CSRF header, session
 * cookie) with progress. Large phone photos are first scaled down in the browser (the server
 * keeps 1600 px anyway), which makes posting over a mobile connection much faster.
 */
export const MAX_PHOTO_BYTES = 12 * 1024 * 1024;
const SHRINK_ABOVE_BYTES = 1.5 * 1024 * 1024;
const MAX_SIDE = 2048;

export interface UploadedPhoto {
  id: string;
  url: string;
  thumbUrl: string;
  width: number;
  height: number;
}

/** A failed upload: the server's own bilingual message, or a key of `photos.errors` in the catalogue texts. */
export class PhotoUploadError extends Error {
  constructor(
    readonly status: number,
    readonly reason: 'network' | 'tooLarge' | 'notImage' | 'signedOut' | 'generic',
    readonly messages?: { fr: string; en: string },
  ) {
    super(messages?.en ?? reason);
  }
}

/** A smaller JPEG of a big photo, or the file itself when it is small or cannot be decoded here. */
export async function shrinkPhoto(file: File): Promise<Blob> {
  if (file.size <= SHRINK_ABOVE_BYTES || !/^image\/(jpeg|png|webp)$/.test(file.type)) return file;
  if (typeof createImageBitmap !== 'function') return file;
  try {
    const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
    const scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(bitmap.width * scale);
    canvas.height = Math.round(bitmap.height * scale);
    const ctx = canvas.getContext('2d');
    if (!ctx) return file;
    ctx.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    bitmap.close();
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.86));
    return blob && blob.size < file.size ? blob : file;
  } catch {
    return file;
  }
}

/** Checks done before sending anything: type and size. */
export function precheckPhoto(file: File): PhotoUploadError | null {
  if (file.type && !file.type.startsWith('image/')) return new PhotoUploadError(400, 'notImage');
  if (file.size > MAX_PHOTO_BYTES) return new PhotoUploadError(413, 'tooLarge');
  return null;
}

export function uploadPhoto(
  blob: Blob,
  filename: string,
  onProgress: (fraction: number) => void,
  signal?: AbortSignal,
): Promise<UploadedPhoto> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/photos');
    xhr.withCredentials = true;
    xhr.setRequestHeader('x-retaille-csrf', '1');
    xhr.responseType = 'json';
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      const body = xhr.response as
        | (UploadedPhoto & { error?: undefined })
        | { error?: { fields?: { fr: string; en: string }[] } }
        | null;
      if (xhr.status >= 200 && xhr.status < 300 && body && 'id' in body) {
        onProgress(1);
        resolve(body);
        return;
      }
      const field = body && 'error' in body ? body.error?.fields?.[0] : undefined;
      if (field) reject(new PhotoUploadError(xhr.status, 'generic', { fr: field.fr, en: field.en }));
      else if (xhr.status === 413) reject(new PhotoUploadError(413, 'tooLarge'));
      else if (xhr.status === 401) reject(new PhotoUploadError(401, 'signedOut'));
      else reject(new PhotoUploadError(xhr.status, 'generic'));
    };
    xhr.onerror = () => reject(new PhotoUploadError(0, 'network'));
    xhr.onabort = () => reject(new DOMException('aborted', 'AbortError'));
    signal?.addEventListener('abort', () => xhr.abort());
    const form = new FormData();
    form.append('photo', blob, filename);
    xhr.send(form);
  });
}
