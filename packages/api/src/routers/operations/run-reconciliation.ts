import { syncSchema } from '../../sync-schema.ts';
import { authedProcedure } from '../../trpc.ts';
import { reconciliationSchema } from './operations.types.ts';

/** Admins: the ledger against the trades' terms and the payment provider, now. */
export const runReconciliation = authedProcedure
  .output(syncSchema(reconciliationSchema))
  .query(({ ctx }) => ctx.services.operations.reconciliation.report(ctx.actor));
