import { syncSchema } from '../../sync-schema.ts';
import { authedProcedure } from '../../trpc.ts';
import { lotInputSchema, lotSchema } from './lot.types.ts';

export const createLot = authedProcedure
  .input(syncSchema(lotInputSchema))
  .output(syncSchema(lotSchema))
  .mutation(({ ctx, input }) => ctx.services.lots.create(ctx.actor, input));
