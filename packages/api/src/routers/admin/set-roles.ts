import { z } from 'zod';
import { syncSchema } from '../../sync-schema.ts';
import { authedProcedure } from '../../trpc.ts';
import { setRolesInput } from '../account/account.types.ts';

/** Admins grant platform roles (designer, coordinator with a scope, admin). */
export const setRoles = authedProcedure
  .input(syncSchema(setRolesInput))
  .output(syncSchema(z.object({ userId: z.string() })))
  .mutation(({ ctx, input }) => ctx.services.accounts.setRoles(ctx.actor, input));
