import type { SectorKey, TerritoryType } from '@retaille/domain';

/** A site as the API shows it. Exact address and contacts are omitted for anonymous visitors. */
export interface SiteDto {
  id: string;
  name: string;
  description: string;
  /** Null when hidden from the caller (anonymous visitors see the commune only). */
  address: string | null;
  postalCode: string;
  communeInsee: string;
  communeName: string;
  departementCode: string;
  departementName: string;
  regionCode: string;
  regionName: string;
  lat: number;
  lon: number;
  /** True when `lat`/`lon` are the commune's centroid rather than the exact point. */
  locationRounded: boolean;
  locationApproximate: boolean;
  sectors: SectorKey[];
  territoryType: TerritoryType;
  contactEmail: string | null;
  contactPhone: string | null;
  website: string | null;
  /** VAT rate in basis points applied to the site's sales; null when not VAT-registered. */
  vatRateBps: number | null;
  isDemo: boolean;
  verified: boolean;
  verifiedAt: string | null;
  /** The caller's role on this site, if any. */
  myRole: 'owner' | 'member' | null;
  /** What the caller may do (the UI mirrors the services' decisions). */
  canEdit: boolean;
  canVerify: boolean;
  createdAt: string;
  updatedAt: string;
}

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
}

export interface SiteListQuery {
  sector?: SectorKey | undefined;
  departementCode?: string | undefined;
  territoryType?: TerritoryType | undefined;
  q?: string | undefined;
  /** Only sites waiting for verification (coordinators and admins). */
  pendingVerification?: boolean | undefined;
  page: number;
  pageSize: number;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
  pageCount: number;
}
