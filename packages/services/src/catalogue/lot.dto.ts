/**
 * The lot's input and DTO types are the `z.output` of the schemas the API validates with,
 * declared once in the domain (docs/decisions/013).
 */
export type {
  LotDto,
  LotInput,
  LotListItemDto,
  LotSearchInput,
  LotSearchResult,
  PhotoDto,
  SearchPoint,
} from '@retaille/domain';
