import { safeText } from '@retaille/domain';
import { z } from 'zod';

export const searchCommunesInput = z.object({
  q: safeText().trim().min(2, { error: 'field.required' }).max(80, { error: 'field.tooLong' }),
  limit: z.number().int().min(1).max(20).default(8),
});

export const communeSchema = z.object({
  insee: z.string(),
  name: z.string(),
  postalCodes: z.array(z.string()),
  departementCode: z.string(),
  departementName: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  lat: z.number(),
  lon: z.number(),
  approximate: z.boolean(),
});
export type Commune = z.infer<typeof communeSchema>;

export const searchCommunesOutput = z.array(communeSchema);
