import { syncSchema } from '../../sync-schema.ts';
import { authedProcedure } from '../../trpc.ts';
import { circuitsExportInput, circuitsExportOutput } from './circuits.types.ts';

/** The circuits' flows as a CSV for Excel (BOM; `;` and decimal comma in French). */
export const exportCircuits = authedProcedure
  .input(syncSchema(circuitsExportInput))
  .output(syncSchema(circuitsExportOutput))
  .query(({ ctx, input }) =>
    ctx.services.impact.circuitsExport(ctx.actor, { from: input.from, to: input.to }, input.lang),
  );
