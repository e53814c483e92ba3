import { z } from 'zod';
import { authedProcedure } from '../../trpc.ts';
import { listOpenRequestsInput, requestSchema } from './request.types.ts';

/** Open wanted requests near a point; signed-in users only. */
export const listOpenRequests = authedProcedure
  .input(listOpenRequestsInput)
  .output(z.array(requestSchema))
  .query(({ ctx, input }) => ctx.services.requests.listOpen(ctx.actor, input));
