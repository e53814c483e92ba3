import { z } from 'zod';
import { syncSchema } from '../../sync-schema.ts';
import { authedProcedure } from '../../trpc.ts';
import { proposalSchema } from './matching.types.ts';

/** The closest compatible lots for a wanted request, ranked and explained. */
export const proposalsForRequest = authedProcedure
  .input(
    syncSchema(
      z.object({
        requestId: z.uuid({ error: 'field.uuid' }),
        limit: z.number().int().min(1).max(50).default(20),
      }),
    ),
  )
  .output(syncSchema(z.array(proposalSchema)))
  .query(({ ctx, input }) =>
    ctx.services.matching.proposalsForRequest(ctx.actor, input.requestId, input.limit),
  );
