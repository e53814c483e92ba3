import { publicProcedure } from '../../trpc.ts';
import { invitationPreviewSchema, invitationTokenInput } from '../sites/members.types.ts';

/** What an invitation link is about, before signing in to accept it. */
export const getInvitation = publicProcedure
  .input(invitationTokenInput)
  .output(invitationPreviewSchema)
  .query(({ ctx, input }) => ctx.services.memberships.preview(input.token));
