import { z } from 'zod';
import { syncSchema } from '../../sync-schema.ts';
import { authedProcedure } from '../../trpc.ts';
import { memberSchema, siteIdInput } from './members.types.ts';

export const listMembers = authedProcedure
  .input(syncSchema(siteIdInput))
  .output(syncSchema(z.array(memberSchema)))
  .query(({ ctx, input }) => ctx.services.memberships.listMembers(ctx.actor, input.siteId));
