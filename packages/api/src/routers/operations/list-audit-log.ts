import { z } from 'zod';
import { syncSchema } from '../../sync-schema.ts';
import { authedProcedure } from '../../trpc.ts';
import { auditEntrySchema, auditListInput } from './operations.types.ts';

/** Admins: the operator actions, newest first, filtered by actor, kind and dates. */
export const listAuditLog = authedProcedure
  .input(syncSchema(auditListInput))
  .output(syncSchema(z.array(auditEntrySchema)))
  .query(({ ctx, input }) => ctx.services.operations.audit.list(ctx.actor, input));
