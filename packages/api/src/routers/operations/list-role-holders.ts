import { z } from 'zod';
import { syncSchema } from '../../sync-schema.ts';
import { authedProcedure } from '../../trpc.ts';
import { roleHolderSchema } from './operations.types.ts';

/** Admins: who is coordinator or admin. */
export const listRoleHolders = authedProcedure
  .output(syncSchema(z.array(roleHolderSchema)))
  .query(({ ctx }) => ctx.services.operations.roles.list(ctx.actor));
