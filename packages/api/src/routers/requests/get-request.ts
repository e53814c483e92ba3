import { z } from 'zod';
import { authedProcedure } from '../../trpc.ts';
import { requestSchema } from './request.types.ts';

export const getRequest = authedProcedure
  .input(z.object({ id: z.uuid({ error: 'field.uuid' }) }))
  .output(requestSchema)
  .query(({ ctx, input }) => ctx.services.requests.get(ctx.actor, input.id));
