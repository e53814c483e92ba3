import { syncSchema } from '../../sync-schema.ts';
import { authedProcedure } from '../../trpc.ts';
import { inviteMemberInput, inviteMemberOutput } from './members.types.ts';

export const inviteMember = authedProcedure
  .input(syncSchema(inviteMemberInput))
  .output(syncSchema(inviteMemberOutput))
  .mutation(({ ctx, input }) => ctx.services.memberships.invite(ctx.actor, input.siteId, input));
