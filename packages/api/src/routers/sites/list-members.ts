import { z } from 'zod';
import { authedProcedure } from '../../trpc.ts';
import { memberSchema, siteIdInput } from './members.types.ts';

export const listMembers = authedProcedure
  .input(siteIdInput)
  .output(z.array(memberSchema))
  .query(({ ctx, input }) => ctx.services.memberships.listMembers(ctx.actor, input.siteId));
