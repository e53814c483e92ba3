import { fieldErrorsFromProblems, fieldErrorsFromZod, httpStatusOf } from '@retaille/api';
import { impactFiltersInput } from '@retaille/api/client';
import { isDomainError } from '@retaille/domain';
import type { FastifyInstance } from 'fastify';
import type { RouteContext } from './route-context.ts';

export async function impactExportRoutes(
  app: FastifyInstance,
  { services, actorOf, limitBySession }: RouteContext,
) {
  // Impact exports: the dashboard's filters in the query string, the session's scope; the .xlsx
  // workbook has a cover sheet (method, sources) and a sheet per breakdown.
  for (const format of ['csv', 'json', 'xlsx'] as const) {
    const onRequest = limitBySession();
    app.get<{ Querystring: Record<string, string> }>(
      `/api/impact/export.${format}`,
      { onRequest },
      async (req, reply) => {
        const { kind = 'lines', lang, ...query } = req.query;
        const filters = impactFiltersInput.safeParse(query);
        const exportKind = (['lines', 'aggregates', 'sources'] as const).find((k) => k === kind);
        if (!filters.success || !exportKind) {
          const fields = [
            ...(filters.success ? [] : fieldErrorsFromZod(filters.error.issues)),
            ...(exportKind ? [] : fieldErrorsFromProblems([{ path: 'kind', key: 'field.invalid' }])),
          ];
          return reply.status(400).send({ error: { status: 400, key: 'validation.failed', fields } });
        }
        try {
          const actor = await actorOf(req);
          const locale = lang === 'en' ? 'en' : 'fr';
          const file = await services.impact.export(actor, filters.data, {
            format,
            kind: exportKind,
            locale,
          });
          return reply
            .type(file.contentType)
            .header('content-disposition', `attachment; filename="${file.filename}"`)
            .header('cache-control', 'no-store')
            .send(file.body);
        } catch (e) {
          if (isDomainError(e)) {
            const status = httpStatusOf(e);
            return reply.status(status).send({ error: { status, key: e.key } });
          }
          throw e;
        }
      },
    );
  }
}
