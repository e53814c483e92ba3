import { syncSchema } from '../../sync-schema.ts';
import { authedProcedure } from '../../trpc.ts';
import { pageOf } from '../pagination.types.ts';
import { listOpenRequestsInput, requestSchema } from './request.types.ts';

/** Open wanted requests near a point, nearest first (else newest first), a page at a time; signed-in users only. */
export const listOpenRequests = authedProcedure
  .input(syncSchema(listOpenRequestsInput))
  .output(syncSchema(pageOf(requestSchema)))
  .query(({ ctx, input }) => ctx.services.requests.listOpen(ctx.actor, input));
