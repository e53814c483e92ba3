import { syncSchema } from '../../sync-schema.ts';
import { publicProcedure } from '../../trpc.ts';
import { invitationPreviewSchema, invitationTokenInput } from '../sites/members.types.ts';

/** What an invitation link is about, before signing in to accept it. */
export const getInvitation = publicProcedure
  .input(syncSchema(invitationTokenInput))
  .output(syncSchema(invitationPreviewSchema))
  .query(({ ctx, input }) => ctx.services.memberships.preview(input.token));
