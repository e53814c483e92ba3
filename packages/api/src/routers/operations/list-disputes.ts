import { z } from 'zod';
import { syncSchema } from '../../sync-schema.ts';
import { authedProcedure } from '../../trpc.ts';
import { disputeSchema } from './operations.types.ts';

/** Admins: open disputes with their timeline, messages, photos and amounts. */
export const listDisputes = authedProcedure
  .output(syncSchema(z.array(disputeSchema)))
  .query(({ ctx }) => ctx.services.operations.disputes.list(ctx.actor));
