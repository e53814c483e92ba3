import { syncSchema } from '../../sync-schema.ts';
import { authedProcedure } from '../../trpc.ts';
import { factorImportInput, factorImportPreviewOutput } from './impact.types.ts';

/** Reviewed import, step 1 (admins): validates the files and shows the diff; writes nothing. */
export const previewFactorImport = authedProcedure
  .input(syncSchema(factorImportInput))
  .output(syncSchema(factorImportPreviewOutput))
  .mutation(({ ctx, input }) => ctx.services.impact.registry.previewImport(ctx.actor, input));
