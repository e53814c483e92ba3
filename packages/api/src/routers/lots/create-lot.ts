import { authedProcedure } from '../../trpc.ts';
import { lotInputSchema, lotSchema } from './lot.types.ts';

export const createLot = authedProcedure
  .input(lotInputSchema)
  .output(lotSchema)
  .mutation(({ ctx, input }) => ctx.services.lots.create(ctx.actor, input));
