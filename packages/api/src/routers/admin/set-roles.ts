import { z } from 'zod';
import { authedProcedure } from '../../trpc.ts';
import { setRolesInput } from '../account/account.types.ts';

/** Admins grant platform roles (designer, coordinator with a scope, admin). */
export const setRoles = authedProcedure
  .input(setRolesInput)
  .output(z.object({ userId: z.string() }))
  .mutation(({ ctx, input }) => ctx.services.accounts.setRoles(ctx.actor, input));
