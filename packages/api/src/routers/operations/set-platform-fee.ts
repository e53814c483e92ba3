import { syncSchema } from '../../sync-schema.ts';
import { authedProcedure } from '../../trpc.ts';
import { platformFeeSchema, setPlatformFeeInput } from './operations.types.ts';

/** Admins: sets the fee applied to trades requested from now on. */
export const setPlatformFee = authedProcedure
  .input(syncSchema(setPlatformFeeInput))
  .output(syncSchema(platformFeeSchema))
  .mutation(({ ctx, input }) => ctx.services.operations.fee.set(ctx.actor, input));
