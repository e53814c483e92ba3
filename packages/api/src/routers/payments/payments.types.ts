import { z } from 'zod';

/** Schemas of the payments procedures (Stripe Connect onboarding and status), importable by the web. */

export const paymentsStatusSchema = z.object({
  mode: z.enum(['live', 'simulation']),
  platformFeeBps: z.number().int(),
});
export const paymentSiteInput = z.object({ siteId: z.uuid({ error: 'field.uuid' }) });
export const onboardingLinkSchema = z.object({ url: z.string() });
export const paymentAccountStatusSchema = z.object({
  siteId: z.string(),
  state: z.enum(['none', 'pending', 'enabled']),
  transfersActive: z.boolean(),
  chargesEnabled: z.boolean(),
  payoutsEnabled: z.boolean(),
  detailsSubmitted: z.boolean(),
});
