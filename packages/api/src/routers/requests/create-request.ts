import { authedProcedure } from '../../trpc.ts';
import { requestInputSchema, requestSchema } from './request.types.ts';

export const createRequest = authedProcedure
  .input(requestInputSchema)
  .output(requestSchema)
  .mutation(({ ctx, input }) => ctx.services.requests.create(ctx.actor, input));
