import type { Opening, SectorKey, TerritoryType } from '@retaille/domain';

/** The site's DTO and the directory's query are the `z.output` of the API's schemas (docs/decisions/013). */
export type { SiteDto, SiteListQuery } from '@retaille/domain';

export interface SiteInput {
  name: string;
  description: string;
  address: string;
  postalCode: string;
  /** Picks one commune when a postal code serves several; defaults to the most populated. */
  communeInsee?: string | undefined;
  /** The point, when the user corrected it on the map; defaults to the commune's centroid. */
  lat?: number | undefined;
  lon?: number | undefined;
  sectors: SectorKey[];
  territoryType: TerritoryType;
  contactEmail?: string | null | undefined;
  contactPhone?: string | null | undefined;
  website?: string | null | undefined;
  vatRateBps?: number | null | undefined;
  /** Left out: the stored hours are kept. */
  openingHours?: Opening[] | undefined;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
  pageCount: number;
}
