import { z } from 'zod';
import { syncSchema } from '../../sync-schema.ts';
import { publicProcedure } from '../../trpc.ts';
import { lotSchema, searchPointSchema } from './lot.types.ts';

export const getLot = publicProcedure
  .input(syncSchema(z.object({ id: z.uuid({ error: 'field.uuid' }), from: searchPointSchema.optional() })))
  .output(syncSchema(lotSchema))
  .query(async ({ ctx, input }) => {
    const from = input.from
      ? await ctx.services.lots.resolvePoint(ctx.actor, input.from).catch(() => undefined)
      : undefined;
    return ctx.services.lots.get(ctx.actor, input.id, from);
  });
