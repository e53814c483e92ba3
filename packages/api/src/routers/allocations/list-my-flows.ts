import { z } from 'zod';
import { syncSchema } from '../../sync-schema.ts';
import { authedProcedure } from '../../trpc.ts';

/** Allocation flows proposed to the caller: as requester, or as a member of the lot's site. */
export const listMyFlows = authedProcedure
  .output(
    syncSchema(
      z.array(
        z.object({
          runId: z.string(),
          lotId: z.string(),
          requestId: z.string(),
          kg: z.number(),
          distanceKm: z.number(),
          decision: z.enum(['accepted', 'ignored']).nullable(),
          lotTitle: z.string(),
          siteName: z.string(),
          requestTitle: z.string(),
          asRequester: z.boolean(),
          finishedAt: z.string().nullable(),
        }),
      ),
    ),
  )
  .query(({ ctx }) => ctx.services.allocations.mine(ctx.actor));
