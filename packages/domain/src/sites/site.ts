import type { SectorKey } from './sectors.ts';
import type { TerritoryType } from './territory.ts';

export interface Site {
  id: string;
  name: string;
  description: string;
  address: string;
  postalCode: string;
  communeInsee: string;
  communeName: string;
  departementCode: string;
  regionCode: string;
  lat: number;
  lon: number;
  sectors: SectorKey[];
  territoryType: TerritoryType;
  contactEmail: string | null;
  contactPhone: string | null;
  website: string | null;
  /** Seeded demo data, shown with a badge. */
  isDemo: boolean;
  /** The location is known only approximately (e.g. the commune's centroid). */
  locationApproximate: boolean;
  verifiedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}
