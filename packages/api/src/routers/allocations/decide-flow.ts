import { z } from 'zod';
import { syncSchema } from '../../sync-schema.ts';
import { authedProcedure } from '../../trpc.ts';
import { decideFlowInput } from '../matching/matching.types.ts';

/** A party accepts or ignores a proposed flow of an allocation. */
export const decideFlow = authedProcedure
  .input(syncSchema(decideFlowInput))
  .output(syncSchema(z.object({ ok: z.literal(true) })))
  .mutation(async ({ ctx, input }) => {
    await ctx.services.allocations.decide(ctx.actor, input, input.decision);
    return { ok: true as const };
  });
