import { authedProcedure } from '../../trpc.ts';
import { lotIdInput, lotSchema } from './lot.types.ts';

export const withdrawLot = authedProcedure
  .input(lotIdInput)
  .output(lotSchema)
  .mutation(({ ctx, input }) => ctx.services.lots.setStatus(ctx.actor, input.id, 'withdraw'));
