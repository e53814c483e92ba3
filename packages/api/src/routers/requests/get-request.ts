import { z } from 'zod';
import { syncSchema } from '../../sync-schema.ts';
import { authedProcedure } from '../../trpc.ts';
import { requestSchema } from './request.types.ts';

export const getRequest = authedProcedure
  .input(syncSchema(z.object({ id: z.uuid({ error: 'field.uuid' }) })))
  .output(syncSchema(requestSchema))
  .query(({ ctx, input }) => ctx.services.requests.get(ctx.actor, input.id));
