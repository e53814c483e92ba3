import { syncSchema } from '../../sync-schema.ts';
import { authedProcedure } from '../../trpc.ts';
import { requestInputSchema, requestSchema } from './request.types.ts';

export const createRequest = authedProcedure
  .input(syncSchema(requestInputSchema))
  .output(syncSchema(requestSchema))
  .mutation(({ ctx, input }) => ctx.services.requests.create(ctx.actor, input));
