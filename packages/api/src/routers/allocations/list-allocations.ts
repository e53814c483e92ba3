import { z } from 'zod';
import { syncSchema } from '../../sync-schema.ts';
import { authedProcedure } from '../../trpc.ts';

export const listAllocations = authedProcedure
  .output(
    syncSchema(
      z.array(
        z.object({
          id: z.string(),
          scope: z.string(),
          status: z.enum(['queued', 'running', 'done', 'failed']),
          progress: z.number(),
          createdAt: z.string(),
        }),
      ),
    ),
  )
  .query(({ ctx }) => ctx.services.allocations.list(ctx.actor));
