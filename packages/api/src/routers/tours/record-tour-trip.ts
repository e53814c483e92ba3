import { syncSchema } from '../../sync-schema.ts';
import { authedProcedure } from '../../trpc.ts';
import { pickupTourInput, recordedTourTripOutput } from './tours.types.ts';

/** « Enregistrer comme trajet effectué »: the tour becomes the trip of every trade it carried. */
export const recordTourTrip = authedProcedure
  .input(syncSchema(pickupTourInput))
  .output(syncSchema(recordedTourTripOutput))
  .mutation(({ ctx, input }) => ctx.services.tours.recordTrip(ctx.actor, input));
