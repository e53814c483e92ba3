import {
  type Database,
  type Kysely,
  type LotSearchRow,
  lotRepository,
  membershipRepository,
} from '@retaille/db';
import {
  availableOf,
  type BomLine,
  DEFAULT_TOUR_CONFIG,
  type LatLon,
  type MaterialKey,
  type SourcingLot,
  type UnitKey,
} from '@retaille/domain';

/**
 * Lots read per line, nearest first: enough for the candidate pre-filter (`selectCandidates`
 * keeps a few per seller and at most 40 per line) without reading a whole region.
 */
const LOTS_PER_LINE = 400;

/** What the plan shows of a candidate lot besides what the solver needs. */
export interface CandidateLotInfo {
  title: string;
  siteId: string;
  point: LatLon;
  unit: UnitKey;
  quantity: number;
  massKg: number | null;
}

/**
 * The candidate lots of a bill of materials around a point, from the lot search (published, not
 * held by moderation, within the radius, of an accepted material, large enough, some quantity
 * left): the lots of the buyer's own sites are left out (a buyer cannot request them). Road km
 * are great-circle km × the tour planner's detour factor, as tours count them.
 */
export async function loadSourcingLots(
  db: Kysely<Database>,
  userId: string,
  lines: readonly BomLine[],
  center: LatLon,
  radiusKm: number,
): Promise<{ lots: SourcingLot[]; info: Map<string, CandidateLotInfo> }> {
  const ownSites = new Set((await membershipRepository.listSitesOfUser(db, userId)).map((s) => s.siteId));
  const rows = new Map<string, LotSearchRow>();
  for (const line of lines) {
    const found = await lotRepository.searchLots(db, {
      point: center,
      radiusKm,
      materialKeys: line.accepted as MaterialKey[],
      minLengthMm: line.minLengthMm ?? undefined,
      minWidthMm: line.minWidthMm ?? undefined,
      minThicknessMm: line.minThicknessMm ?? undefined,
      minQuantity: 0.001,
      sort: 'distance',
      limit: LOTS_PER_LINE,
    });
    for (const row of found) if (!ownSites.has(row.site_id)) rows.set(row.id, row);
  }
  const lots: SourcingLot[] = [];
  const info = new Map<string, CandidateLotInfo>();
  for (const row of rows.values()) {
    const available = Number(
      availableOf({ quantity: row.quantity, reserved: row.quantity_reserved, sold: row.quantity_sold }),
    );
    lots.push({
      id: row.id,
      sellerId: row.site_id,
      material: row.material_key as MaterialKey,
      unit: row.unit as UnitKey,
      available,
      priceCentsPerUnit: row.price_cents ?? 0,
      distanceKm: ((row.distance_m ?? 0) / 1000) * DEFAULT_TOUR_CONFIG.detourFactor,
      lengthMm: row.length_mm === null ? null : Number(row.length_mm),
      widthMm: row.width_mm === null ? null : Number(row.width_mm),
      thicknessMm: row.thickness_mm === null ? null : Number(row.thickness_mm),
    });
    info.set(row.id, {
      title: row.title,
      siteId: row.site_id,
      point: { lat: row.lat, lon: row.lon },
      unit: row.unit as UnitKey,
      quantity: Number(row.quantity),
      massKg: row.mass_kg === null ? null : Number(row.mass_kg),
    });
  }
  return { lots, info };
}
