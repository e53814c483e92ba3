import { z } from 'zod';
import { authedProcedure } from '../../trpc.ts';
import { requestSchema } from '../lots/lot.types.ts';

export const listMyRequests = authedProcedure
  .output(z.array(requestSchema))
  .query(({ ctx }) => ctx.services.requests.listMine(ctx.actor));
