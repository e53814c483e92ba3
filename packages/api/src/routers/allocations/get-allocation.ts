import { authedProcedure } from '../../trpc.ts';
import { allocationRunSchema, runIdInput } from '../matching/matching.types.ts';

export const getAllocation = authedProcedure
  .input(runIdInput)
  .output(allocationRunSchema)
  .query(({ ctx, input }) => ctx.services.allocations.get(ctx.actor, input.runId));
