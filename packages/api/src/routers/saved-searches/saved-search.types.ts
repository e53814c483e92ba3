import { safeText } from '@retaille/domain';
import { z } from 'zod';
import { searchLotsInput, searchPointSchema } from '../lots/lot.types.ts';

/** The search as the search page sends it, without paging or sort: the same schema, so the same field errors. */
export const savedSearchCriteria = searchLotsInput.omit({ sort: true, cursor: true, limit: true }).strict();

export const createSavedSearchInput = z.object({
  name: safeText().trim().min(1, { error: 'savedSearch.nameRequired' }).max(120, { error: 'field.tooLong' }),
  search: savedSearchCriteria,
});
export type CreateSavedSearchInput = z.input<typeof createSavedSearchInput>;

export const savedSearchSchema = z.object({
  id: z.string(),
  name: z.string(),
  point: searchPointSchema.nullable(),
  radiusKm: z.number().nullable(),
  filters: savedSearchCriteria.omit({ point: true, radiusKm: true }).partial(),
  createdAt: z.string(),
});
export type SavedSearchOutput = z.infer<typeof savedSearchSchema>;
