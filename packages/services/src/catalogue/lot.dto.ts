import type {
  Composition,
  LotCondition,
  LotStatus,
  MaterialFamilyKey,
  MaterialKey,
  RecurringPeriod,
  SectorKey,
  UnitKey,
} from '@retaille/domain';

export interface PhotoDto {
  id: string;
  url: string;
  thumbUrl: string;
  width: number;
  height: number;
}

export interface LotDto {
  id: string;
  siteId: string;
  siteName: string;
  siteCommuneName: string;
  siteDepartementCode: string;
  siteSectors: string[];
  title: string;
  description: string;
  materialKey: string;
  familyKey: string;
  composition: { fibre: string; percent: number }[] | null;
  condition: LotCondition;
  unit: UnitKey;
  quantity: number;
  available: number;
  reserved: number;
  dimensions: {
    lengthMm: number | null;
    widthMm: number | null;
    thicknessMm: number | null;
    rollLengthM: number | null;
  };
  massKg: number | null;
  massEstimated: boolean;
  massMethod: string;
  /** Price per unit in cents of EUR; null for a free lot (don). */
  priceCents: number | null;
  availableFrom: string | null;
  availableUntil: string | null;
  recurring: { quantity: number; period: RecurringPeriod } | null;
  ewcCode: string | null;
  status: LotStatus;
  lat: number;
  lon: number;
  locationRounded: boolean;
  /** From the search point, when there is one. */
  distanceKm: number | null;
  photos: PhotoDto[];
  isDemo: boolean;
  canEdit: boolean;
  /** Priced, but its site cannot receive payments yet: shown « paiement en attente d'activation », not requestable. */
  paymentPending: boolean;
  publishedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface LotInput {
  siteId: string;
  title: string;
  description: string;
  materialKey: MaterialKey;
  composition?: Composition | null | undefined;
  condition: LotCondition;
  unit: UnitKey;
  quantity: number;
  dimensions: {
    lengthMm?: number | null;
    widthMm?: number | null;
    thicknessMm?: number | null;
    rollLengthM?: number | null;
  };
  measuredKg?: number | null | undefined;
  priceCents: number | null;
  availableFrom?: string | null | undefined;
  availableUntil?: string | null | undefined;
  recurring?: { quantity: number; period: RecurringPeriod } | null | undefined;
  ewcCode?: string | null | undefined;
  photoIds: string[];
  /** Publish now (the site must be verified) or keep as a draft. */
  publish: boolean;
}

export type SearchPoint =
  | { kind: 'point'; lat: number; lon: number }
  | { kind: 'site'; siteId: string }
  | { kind: 'home' }
  | { kind: 'commune'; insee: string };

export interface LotSearchInput {
  point?: SearchPoint | undefined;
  radiusKm?: number | undefined;
  q?: string | undefined;
  familyKey?: MaterialFamilyKey | undefined;
  materialKey?: MaterialKey | undefined;
  withSubstitutes?: boolean | undefined;
  sector?: SectorKey | undefined;
  condition?: LotCondition | undefined;
  freeOnly?: boolean | undefined;
  maxPriceCents?: number | undefined;
  minLengthMm?: number | undefined;
  minWidthMm?: number | undefined;
  minThicknessMm?: number | undefined;
  minQuantity?: number | undefined;
  siteId?: string | undefined;
  sort: 'distance' | 'newest';
  cursor?: string | undefined;
  limit: number;
}

export interface LotSearchResult {
  items: LotDto[];
  nextCursor: string | null;
  center: { lat: number; lon: number } | null;
}
