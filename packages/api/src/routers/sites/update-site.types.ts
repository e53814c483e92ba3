import { z } from 'zod';
import { siteInputSchema } from './site.types.ts';

export const updateSiteInput = z.object({
  id: z.uuid({ error: 'field.uuid' }),
  site: siteInputSchema,
});
