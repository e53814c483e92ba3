import { z } from 'zod';
import { syncSchema } from '../../sync-schema.ts';
import { authedProcedure } from '../../trpc.ts';
import { setMemberRoleInput } from './members.types.ts';

/** Owners change a member's role or remove them (role null); a member may leave. */
export const setMemberRole = authedProcedure
  .input(syncSchema(setMemberRoleInput))
  .output(syncSchema(z.object({ ok: z.literal(true) })))
  .mutation(async ({ ctx, input }) => {
    await ctx.services.memberships.setRole(ctx.actor, input.siteId, input.userId, input.role);
    return { ok: true as const };
  });
