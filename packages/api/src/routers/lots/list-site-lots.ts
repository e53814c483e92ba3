import { lotStatuses } from '@retaille/domain';
import { z } from 'zod';
import { syncSchema } from '../../sync-schema.ts';
import { publicProcedure } from '../../trpc.ts';
import { cursorSchema, pageLimitSchema, pageOf } from '../pagination.types.ts';
import { lotSchema } from './lot.types.ts';

/** A site's lots, newest first, a page at a time: all of them for its members, the listed ones for everybody else. */
export const listSiteLots = publicProcedure
  .input(
    syncSchema(
      z.object({
        siteId: z.uuid({ error: 'field.uuid' }),
        status: z.enum(lotStatuses).optional(),
        cursor: cursorSchema.optional(),
        limit: pageLimitSchema,
      }),
    ),
  )
  .output(syncSchema(pageOf(lotSchema)))
  .query(({ ctx, input }) => ctx.services.lots.listForSite(ctx.actor, input.siteId, input));
