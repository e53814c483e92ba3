import { syncSchema } from '../../sync-schema.ts';
import { authedProcedure } from '../../trpc.ts';
import { closeRequestInput, requestSchema } from './request.types.ts';

export const closeRequest = authedProcedure
  .input(syncSchema(closeRequestInput))
  .output(syncSchema(requestSchema))
  .mutation(({ ctx, input }) => ctx.services.requests.close(ctx.actor, input.id, input.status));
