import multipart from '@fastify/multipart';
import { httpStatusOf, translate } from '@retaille/api';
import { isDomainError } from '@retaille/domain';
import { MAX_PHOTO_BYTES } from '@retaille/services';
import type { FastifyInstance } from 'fastify';
import { CSRF_HEADER, type RouteContext } from './route-context.ts';

/** Room for the multipart boundaries and part headers around one photo. */
const MULTIPART_OVERHEAD_BYTES = 64 * 1024;
const PHOTO_BODY_LIMIT = MAX_PHOTO_BYTES + MULTIPART_OVERHEAD_BYTES;
const SIZE_ERRORS = new Set([
  'FST_REQ_FILE_TOO_LARGE',
  'FST_PARTS_LIMIT',
  'FST_FILES_LIMIT',
  'FST_FIELDS_LIMIT',
  'FST_ERR_CTP_BODY_TOO_LARGE',
]);

function photoError(status: number, key: string, params?: Record<string, string | number>) {
  return {
    error: {
      status,
      key,
      fields: [{ path: 'photo', key, fr: translate(key, 'fr', params), en: translate(key, 'en', params) }],
    },
  };
}

const photoTooLarge = () => photoError(413, 'photo.tooLarge', { maxMb: MAX_PHOTO_BYTES / 1024 / 1024 });

export async function photoRoutes(app: FastifyInstance, { services, actorOf, limitBySession }: RouteContext) {
  // Lot photos: multipart upload (signed-in users, CSRF header), and the resized images.
  // One limit for the whole request: the multipart file limit and the route's body limit agree, and
  // a declared length over it is refused before a byte is read. Every size error answers 413.
  await app.register(multipart, {
    limits: { fileSize: MAX_PHOTO_BYTES, files: 1, fields: 0, parts: 1 },
  });
  app.post(
    '/api/photos',
    { bodyLimit: PHOTO_BODY_LIMIT, onRequest: limitBySession() },
    async (req, reply) => {
      if (req.headers[CSRF_HEADER] !== '1')
        return reply.status(403).send({ error: { status: 403, key: 'error.csrf' } });
      const actor = await actorOf(req);
      if (actor.kind !== 'user')
        return reply.status(401).send({ error: { status: 401, key: 'error.unauthenticated' } });
      if (Number(req.headers['content-length'] ?? 0) > PHOTO_BODY_LIMIT) {
        return reply.status(413).send(photoTooLarge());
      }
      let data: Buffer;
      try {
        const file = await req.file();
        if (!file) return reply.status(400).send(photoError(400, 'photo.empty'));
        data = await file.toBuffer();
      } catch (e) {
        const { code, statusCode } = e as { code?: string; statusCode?: number };
        if (statusCode === 413 || (code && SIZE_ERRORS.has(code)))
          return reply.status(413).send(photoTooLarge());
        return reply.status(400).send(photoError(400, 'photo.notAnImage'));
      }
      try {
        return await services.photos.upload(actor, data);
      } catch (e) {
        if (isDomainError(e)) {
          const field = e.details.fields?.[0];
          const key = field?.key ?? e.key;
          // A file over the limit is 413 Payload Too Large whatever the rule that caught it.
          const status = key === 'photo.tooLarge' ? 413 : httpStatusOf(e);
          return reply.status(status).send(photoError(status, key, field?.params));
        }
        throw e;
      }
    },
  );
  app.get<{ Params: { id: string }; Querystring: { size?: string } }>(
    '/api/photos/:id',
    { onRequest: limitBySession() },
    async (req, reply) => {
      const photo = await services.photos.read(req.params.id, req.query.size === 'thumb' ? 'thumb' : 'image');
      if (!photo) return reply.status(404).send({ error: { status: 404, key: 'error.notFound' } });
      return reply
        .type(photo.contentType)
        .header('cache-control', 'public, max-age=31536000, immutable')
        .send(photo.data);
    },
  );
}
