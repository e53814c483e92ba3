import { z } from 'zod';
import { syncSchema } from '../../sync-schema.ts';
import { authedProcedure } from '../../trpc.ts';
import { setPlatformRolesInput } from './operations.types.ts';

/** Admins: grants or revokes coordinator and admin roles (audited). */
export const setPlatformRoles = authedProcedure
  .input(syncSchema(setPlatformRolesInput))
  .output(syncSchema(z.object({ userId: z.string() })))
  .mutation(({ ctx, input }) => ctx.services.operations.roles.set(ctx.actor, input));
