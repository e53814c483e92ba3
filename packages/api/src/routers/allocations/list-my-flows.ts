import { z } from 'zod';
import { syncSchema } from '../../sync-schema.ts';
import { authedProcedure } from '../../trpc.ts';
import { myFlowSchema } from '../matching/matching.types.ts';

/** Allocation flows proposed to the caller: as requester, or as a member of the lot's site. */
export const listMyFlows = authedProcedure
  .output(syncSchema(z.array(myFlowSchema)))
  .query(({ ctx }) => ctx.services.allocations.mine(ctx.actor));
