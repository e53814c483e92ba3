import { syncSchema } from '../../sync-schema.ts';
import { authedProcedure } from '../../trpc.ts';
import { impactDashboardOutput, impactFiltersInput } from './impact.types.ts';

/** Coordinators' dashboard (their territory), a site's own dashboard, or the network (admins). */
export const getImpactDashboard = authedProcedure
  .input(syncSchema(impactFiltersInput))
  .output(syncSchema(impactDashboardOutput))
  .query(({ ctx, input }) => ctx.services.impact.dashboard(ctx.actor, input));
