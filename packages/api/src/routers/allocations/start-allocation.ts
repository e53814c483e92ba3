import { z } from 'zod';
import { syncSchema } from '../../sync-schema.ts';
import { authedProcedure } from '../../trpc.ts';
import { startAllocationInput } from '../matching/matching.types.ts';

/** Starts (or joins the running) allocation of a region or of the whole network. */
export const startAllocation = authedProcedure
  .input(syncSchema(startAllocationInput))
  .output(syncSchema(z.object({ runId: z.string(), created: z.boolean() })))
  .mutation(({ ctx, input }) =>
    ctx.services.allocations.start(ctx.actor, input.regionCode, {
      leaveOutLosingPairs: input.leaveOutLosingPairs,
    }),
  );
