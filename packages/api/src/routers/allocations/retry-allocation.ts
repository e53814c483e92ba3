import { z } from 'zod';
import { syncSchema } from '../../sync-schema.ts';
import { authedProcedure } from '../../trpc.ts';
import { runIdInput } from '../matching/matching.types.ts';

export const retryAllocation = authedProcedure
  .input(syncSchema(runIdInput))
  .output(syncSchema(z.object({ runId: z.string(), created: z.boolean() })))
  .mutation(({ ctx, input }) => ctx.services.allocations.retry(ctx.actor, input.runId));
