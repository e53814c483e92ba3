import { z } from 'zod';
import { syncSchema } from '../../sync-schema.ts';
import { authedProcedure } from '../../trpc.ts';
import { invitationSchema, siteIdInput } from './members.types.ts';

export const listInvitations = authedProcedure
  .input(syncSchema(siteIdInput))
  .output(syncSchema(z.array(invitationSchema)))
  .query(({ ctx, input }) => ctx.services.memberships.listInvitations(ctx.actor, input.siteId));
