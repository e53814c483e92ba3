import { z } from 'zod';
import { syncSchema } from '../../sync-schema.ts';
import { authedProcedure } from '../../trpc.ts';
import { invitationTokenInput } from '../sites/members.types.ts';

export const acceptInvitation = authedProcedure
  .input(syncSchema(invitationTokenInput))
  .output(syncSchema(z.object({ siteId: z.string(), role: z.enum(['owner', 'member']) })))
  .mutation(({ ctx, input }) => ctx.services.memberships.accept(ctx.actor, input.token));
