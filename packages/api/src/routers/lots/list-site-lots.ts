import { z } from 'zod';
import { publicProcedure } from '../../trpc.ts';
import { lotSchema } from './lot.types.ts';

/** A site's lots: all of them for its members, the listed ones for everybody else. */
export const listSiteLots = publicProcedure
  .input(z.object({ siteId: z.uuid({ error: 'field.uuid' }) }))
  .output(z.array(lotSchema))
  .query(({ ctx, input }) => ctx.services.lots.listForSite(ctx.actor, input.siteId));
