import { z } from 'zod';
import { authedProcedure } from '../../trpc.ts';
import { lotInputSchema, lotSchema } from './lot.types.ts';

export const updateLot = authedProcedure
  .input(z.object({ id: z.uuid({ error: 'field.uuid' }), lot: lotInputSchema }))
  .output(lotSchema)
  .mutation(({ ctx, input }) => ctx.services.lots.update(ctx.actor, input.id, input.lot));
