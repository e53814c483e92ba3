import { syncSchema } from '../../sync-schema.ts';
import { authedProcedure } from '../../trpc.ts';
import { allocationRunSchema, runIdInput } from '../matching/matching.types.ts';

export const getAllocation = authedProcedure
  .input(syncSchema(runIdInput))
  .output(syncSchema(allocationRunSchema))
  .query(({ ctx, input }) => ctx.services.allocations.get(ctx.actor, input.runId));
