import { z } from 'zod';
import { syncSchema } from '../../sync-schema.ts';
import { authedProcedure } from '../../trpc.ts';
import { invitationIdInput } from './members.types.ts';

export const revokeInvitation = authedProcedure
  .input(syncSchema(invitationIdInput))
  .output(syncSchema(z.object({ ok: z.literal(true) })))
  .mutation(async ({ ctx, input }) => {
    await ctx.services.memberships.revokeInvitation(ctx.actor, input.invitationId);
    return { ok: true as const };
  });
