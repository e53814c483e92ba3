import { z } from 'zod';

/** Schemas of the payments procedures (Stripe Connect onboarding and status), importable by the web. */

/** The payment status contracts are declared once, in the domain (ADR 013). */
export { paymentAccountStatusSchema, paymentsStatusSchema } from '@retaille/domain';

export const paymentSiteInput = z.object({ siteId: z.uuid({ error: 'field.uuid' }) });
export const onboardingLinkSchema = z.object({ url: z.string() });
