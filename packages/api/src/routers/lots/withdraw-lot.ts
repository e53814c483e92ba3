import { syncSchema } from '../../sync-schema.ts';
import { authedProcedure } from '../../trpc.ts';
import { lotIdInput, lotSchema } from './lot.types.ts';

export const withdrawLot = authedProcedure
  .input(syncSchema(lotIdInput))
  .output(syncSchema(lotSchema))
  .mutation(({ ctx, input }) => ctx.services.lots.setStatus(ctx.actor, input.id, 'withdraw'));
