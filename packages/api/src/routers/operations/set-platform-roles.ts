import { z } from 'zod';
import { authedProcedure } from '../../trpc.ts';
import { setPlatformRolesInput } from './operations.types.ts';

/** Admins: grants or revokes coordinator and admin roles (audited). */
export const setPlatformRoles = authedProcedure
  .input(setPlatformRolesInput)
  .output(z.object({ userId: z.string() }))
  .mutation(({ ctx, input }) => ctx.services.operations.roles.set(ctx.actor, input));
