import { syncSchema } from '../../sync-schema.ts';
import { authedProcedure } from '../../trpc.ts';
import { platformFeeSchema } from './operations.types.ts';

/** Admins: the platform fee in force. */
export const getPlatformFee = authedProcedure
  .output(syncSchema(platformFeeSchema))
  .query(({ ctx }) => ctx.services.operations.fee.get(ctx.actor));
