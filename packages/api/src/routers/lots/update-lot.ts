import { z } from 'zod';
import { syncSchema } from '../../sync-schema.ts';
import { authedProcedure } from '../../trpc.ts';
import { lotInputSchema, lotSchema } from './lot.types.ts';

export const updateLot = authedProcedure
  .input(syncSchema(z.object({ id: z.uuid({ error: 'field.uuid' }), lot: lotInputSchema })))
  .output(syncSchema(lotSchema))
  .mutation(({ ctx, input }) => ctx.services.lots.update(ctx.actor, input.id, input.lot));
