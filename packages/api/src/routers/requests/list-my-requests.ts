import { requestStatuses } from '@retaille/domain';
import { z } from 'zod';
import { syncSchema } from '../../sync-schema.ts';
import { authedProcedure } from '../../trpc.ts';
import { cursorSchema, pageLimitSchema, pageOf } from '../pagination.types.ts';
import { requestSchema } from './request.types.ts';

/** The caller's wanted requests, newest first, a page at a time. */
export const listMyRequests = authedProcedure
  .input(
    syncSchema(
      z
        .object({
          status: z.enum(requestStatuses).optional(),
          cursor: cursorSchema.optional(),
          limit: pageLimitSchema,
        })
        .default({ limit: 50 }),
    ),
  )
  .output(syncSchema(pageOf(requestSchema)))
  .query(({ ctx, input }) => ctx.services.requests.listMine(ctx.actor, input));
