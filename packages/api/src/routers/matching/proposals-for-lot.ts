import { z } from 'zod';
import { syncSchema } from '../../sync-schema.ts';
import { authedProcedure } from '../../trpc.ts';
import { proposalSchema } from './matching.types.ts';

/** The open requests a lot fits. */
export const proposalsForLot = authedProcedure
  .input(
    syncSchema(
      z.object({
        lotId: z.uuid({ error: 'field.uuid' }),
        limit: z.number().int().min(1).max(50).default(20),
      }),
    ),
  )
  .output(syncSchema(z.array(proposalSchema)))
  .query(({ ctx, input }) => ctx.services.matching.proposalsForLot(ctx.actor, input.lotId, input.limit));
