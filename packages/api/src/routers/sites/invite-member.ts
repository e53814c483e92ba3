import { authedProcedure } from '../../trpc.ts';
import { inviteMemberInput, inviteMemberOutput } from './members.types.ts';

export const inviteMember = authedProcedure
  .input(inviteMemberInput)
  .output(inviteMemberOutput)
  .mutation(({ ctx, input }) => ctx.services.memberships.invite(ctx.actor, input.siteId, input));
