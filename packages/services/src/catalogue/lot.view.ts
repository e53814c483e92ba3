import type { LotCardRow, LotListItemRow } from '@retaille/db';
import { availableQuantity, type CommuneDirectory, haversineKm, type LatLon } from '@retaille/domain';
import type { Actor } from '../auth/actor.ts';
import { type Links, serverLinks } from '../ports/links.ts';
import type { LotDto, LotListItemDto } from './lot.dto.ts';

/** A lot with what its card shows: its site, its photos, whether its site can be paid. */
export type LotCard = Omit<LotCardRow, 'sort_key'>;

const haversineMeters = (a: LatLon, b: LatLon) => haversineKm(a, b) * 1000;

interface ViewOptions {
  actor: Actor;
  communes: CommuneDirectory;
  links?: Pick<Links, 'photo'> | undefined;
  from?: LatLon | undefined;
  searchCenter?: LatLon | null | undefined;
}

/** Where a reader sees a lot, and how far it is from them. */
type Place = Pick<LotDto, 'lat' | 'lon' | 'locationRounded' | 'distanceKm'>;

/**
 * Anonymous visitors get the commune's centre instead of the workshop's point, and the distance
 * to it: exact distances from several places would give the workshop's address away.
 */
function placeOf(
  r: { lat: number; lon: number; distance_m: number | null; site_commune_insee: string | null },
  o: ViewOptions,
): Place {
  const commune = r.site_commune_insee ? o.communes.get(r.site_commune_insee) : undefined;
  const exact = o.actor.kind !== 'anonymous';
  const point = exact || !commune ? { lat: r.lat, lon: r.lon } : { lat: commune.lat, lon: commune.lon };
  const origin = o.from ?? o.searchCenter;
  const distanceM = exact
    ? (r.distance_m ?? (origin ? haversineMeters(origin, r) : null))
    : origin
      ? haversineMeters(origin, point)
      : null;
  return {
    lat: point.lat,
    lon: point.lon,
    locationRounded: !exact,
    distanceKm: distanceM === null ? null : Math.round(distanceM / 100) / 10,
  };
}

/** The lot and its site by name, as every view of it starts. */
const identityOf = (r: LotListItemRow | LotCard) => ({
  id: r.id,
  siteId: r.site_id,
  siteName: r.site_name ?? '',
  siteCommuneName: r.site_commune_name ?? '',
  title: r.title,
  materialKey: r.material_key,
  familyKey: r.family_key,
  condition: r.condition,
  unit: r.unit,
});

const dimensionsOf = (
  r: Pick<LotListItemRow, 'length_mm' | 'width_mm' | 'thickness_mm' | 'roll_length_m'>,
) => ({
  lengthMm: r.length_mm,
  widthMm: r.width_mm,
  thicknessMm: r.thickness_mm,
  rollLengthM: r.roll_length_m,
});

/** Priced, but its site cannot be paid yet. */
const paymentPending = (r: { price_cents: number | null; site_receives_transfers: boolean }) =>
  r.price_cents !== null && r.price_cents > 0 && !r.site_receives_transfers;

/** A lot in a list of results, as its reader may see it (see `lotListItemSchema`). */
export function lotListItemView(r: LotListItemRow, o: ViewOptions): LotListItemDto {
  const links = o.links ?? serverLinks;
  return {
    ...identityOf(r),
    available: availableQuantity({
      quantity: r.quantity,
      reserved: r.quantity_reserved,
      sold: r.quantity_sold,
    }),
    dimensions: dimensionsOf(r),
    priceCents: r.price_cents,
    paymentPending: paymentPending(r),
    ...placeOf(r, o),
    isDemo: r.is_demo,
    cover: r.cover
      ? { thumbUrl: links.photo(r.cover.id, 'thumb'), width: r.cover.width, height: r.cover.height }
      : null,
  };
}

/** The lot as its reader may see it (its place: see `placeOf`). */
export function lotView(card: LotCard, o: ViewOptions): LotDto {
  const r = card;
  const links = o.links ?? serverLinks;
  const q = { quantity: r.quantity, reserved: r.quantity_reserved, sold: r.quantity_sold };
  return {
    ...identityOf(r),
    siteDepartementCode: r.site_departement_code ?? '',
    siteSectors: r.site_sectors,
    description: r.description,
    composition: r.composition,
    quantity: q.quantity,
    available: availableQuantity(q),
    reserved: q.reserved,
    dimensions: dimensionsOf(r),
    massKg: r.mass_kg,
    massEstimated: r.mass_estimated,
    massMethod: r.mass_method,
    priceCents: r.price_cents,
    availableFrom: r.available_from,
    availableUntil: r.available_until,
    recurring:
      r.recurring_quantity !== null && r.recurring_period !== null
        ? { quantity: r.recurring_quantity, period: r.recurring_period }
        : null,
    ewcCode: r.ewc_code,
    status: r.status,
    ...placeOf(r, o),
    photos: r.photos.map((p) => ({
      id: p.id,
      url: links.photo(p.id),
      thumbUrl: links.photo(p.id, 'thumb'),
      width: p.width,
      height: p.height,
    })),
    isDemo: r.is_demo,
    canEdit: false,
    paymentPending: paymentPending(r),
    publishedAt: r.published_at?.toISOString() ?? null,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}
