import { syncSchema } from '../../sync-schema.ts';
import { publicProcedure } from '../../trpc.ts';
import { outboxInput, outboxOutput } from '../account/account.types.ts';

/** Outgoing e-mail kept locally when no SMTP server is configured (development only). */
export const listOutbox = publicProcedure
  .input(syncSchema(outboxInput))
  .output(syncSchema(outboxOutput))
  .query(({ ctx, input }) => ctx.services.accounts.outbox(ctx.actor, input.to));
