import { syncSchema } from '../../sync-schema.ts';
import { authedProcedure } from '../../trpc.ts';
import { confirmFactorImportInput, factorSetSummarySchema } from './impact.types.ts';

/** Reviewed import, step 2 (admins): stores the previewed version and makes it active. */
export const confirmFactorImport = authedProcedure
  .input(syncSchema(confirmFactorImportInput))
  .output(syncSchema(factorSetSummarySchema))
  .mutation(({ ctx, input }) => ctx.services.impact.registry.confirmImport(ctx.actor, input));
