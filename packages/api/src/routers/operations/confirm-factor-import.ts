import { syncSchema } from '../../sync-schema.ts';
import { authedProcedure } from '../../trpc.ts';
import { confirmFactorImportInput, factorSetSummarySchema } from '../impact/impact.types.ts';

/** Admins: the reviewed factor import from the console, written to the audit log. */
export const confirmFactorImport = authedProcedure
  .input(syncSchema(confirmFactorImportInput))
  .output(syncSchema(factorSetSummarySchema))
  .mutation(({ ctx, input }) => ctx.services.operations.factors.confirm(ctx.actor, input));
