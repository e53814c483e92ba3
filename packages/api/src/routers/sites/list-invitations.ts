import { z } from 'zod';
import { authedProcedure } from '../../trpc.ts';
import { invitationSchema, siteIdInput } from './members.types.ts';

export const listInvitations = authedProcedure
  .input(siteIdInput)
  .output(z.array(invitationSchema))
  .query(({ ctx, input }) => ctx.services.memberships.listInvitations(ctx.actor, input.siteId));
