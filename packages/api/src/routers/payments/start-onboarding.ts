import { syncSchema } from '../../sync-schema.ts';
import { authedProcedure } from '../../trpc.ts';
import { onboardingLinkSchema, paymentSiteInput } from './payments.types.ts';

/** Site owners: a single-use Stripe Connect onboarding link for the site's Express account. */
export const startOnboarding = authedProcedure
  .input(syncSchema(paymentSiteInput))
  .output(syncSchema(onboardingLinkSchema))
  .mutation(({ ctx, input }) => ctx.services.payments.onboard(ctx.actor, input.siteId));
