import {
  type Database,
  type ImpactRecordRow,
  impactRepository,
  lotRepository,
  type NewImpactRecordRow,
  siteRepository,
  type TradeRow,
  type Transaction,
  userRepository,
} from '@retaille/db';
import {
  type CommuneDirectory,
  computeTradeImpact,
  type FactorSet,
  getMaterial,
  gramsToKg,
  haversineKm,
  type LatLon,
  parisMonth,
  roundPoint,
  type TransportOptions,
} from '@retaille/domain';
import type { FactorRegistry } from './factor-registry.service.ts';

/** Everything the record of one completed trade is built from, already resolved. */
export interface ImpactRecordContext {
  tradeId: string;
  completedAt: Date;
  isDemo: boolean;
  origin: {
    siteId: string;
    departement: string;
    region: string;
    territoryType: string;
    sectors: readonly string[];
    lat: number;
    lon: number;
  };
  destination: {
    kind: 'site' | 'person' | 'unknown';
    siteId: string | null;
    userId: string | null;
    /** Site id, `commune:<insee>` for a person, or `unknown`: the grain of the flows on the map. */
    key: string;
    label: string;
    departement: string | null;
    /** Shown on the map: the site, or the commune centre of a person's home (never the address). */
    shownAt: LatLon | null;
    /** Measured to: the site, or the person's home point. */
    distanceFrom: LatLon | null;
  };
  lotId: string | null;
  materialKey: string;
  materialFamily: string;
  massKg: number;
  massMeasured: boolean;
  transport?: TransportOptions;
}

/**
 * The sector a trade is credited to: the first of the origin site's sectors that the material
 * serves, else the site's first sector. One sector per trade, so the breakdown adds up.
 */
export function attributeSector(siteSectors: readonly string[], materialKey: string): string {
  const suggested = getMaterial(materialKey)?.suggestedSectors ?? [];
  return (
    siteSectors.find((s) => (suggested as readonly string[]).includes(s)) ??
    siteSectors[0] ??
    'multi_filieres'
  );
}

/** Builds the stored row: the domain computes the figures, this adds places and the month. */
export function buildImpactRecord(ctx: ImpactRecordContext, factorSet: FactorSet): NewImpactRecordRow {
  const d = ctx.destination;
  const distanceKm = d.distanceFrom === null ? 0 : haversineKm(ctx.origin, d.distanceFrom);
  const factorKey = getMaterial(ctx.materialKey)?.emissionFactorKey ?? null;
  const impact = computeTradeImpact({
    massKg: ctx.massKg,
    massMeasured: ctx.massMeasured,
    materialFactorKey: factorKey,
    distanceKm,
    ...ctx.transport,
    factorSet,
  });
  const flags: string[] = [...impact.flags];
  if (d.distanceFrom === null) flags.push('distance_unknown');
  return {
    trade_id: ctx.tradeId,
    completed_at: ctx.completedAt,
    month: `${parisMonth(ctx.completedAt.toISOString())}-01`,
    origin_site_id: ctx.origin.siteId,
    origin_departement: ctx.origin.departement,
    origin_region: ctx.origin.region,
    origin_territory_type: ctx.origin.territoryType,
    origin_sectors: [...ctx.origin.sectors],
    origin_lat: ctx.origin.lat,
    origin_lon: ctx.origin.lon,
    sector: attributeSector(ctx.origin.sectors, ctx.materialKey),
    destination_kind: d.kind,
    destination_site_id: d.siteId,
    destination_user_id: d.userId,
    destination_key: d.key,
    destination_label: d.label,
    destination_departement: d.departement,
    destination_lat: d.shownAt?.lat ?? null,
    destination_lon: d.shownAt?.lon ?? null,
    lot_id: ctx.lotId,
    material_key: ctx.materialKey,
    material_family: ctx.materialFamily,
    factor_key: impact.factorKey,
    vehicle_key: impact.vehicleKey,
    mass_kg: impact.massKg,
    mass_source: impact.massSource,
    distance_km: distanceKm,
    distance_method: d.distanceFrom === null ? 'unknown' : 'great_circle',
    avoided_kg_co2e: impact.avoidedKgCo2e,
    transport_kg_co2e: impact.transportKgCo2e,
    net_kg_co2e: impact.netKgCo2e,
    tonne_km: impact.tonneKm,
    factor_version: impact.factorVersion,
    factor_missing: impact.factorMissing,
    flags,
    input: { ...impact.input },
    is_demo: ctx.isDemo,
  };
}

/**
 * Records the impact of a completed trade inside the completing transaction. Idempotent: a
 * trade already recorded returns its record. Mass: the weight measured at handover, else the
 * lot's mass (measured or estimated) pro rata of the quantity, labelled estimated. Distance:
 * great-circle between the seller's site and the buyer's site, or the buyer's home.
 */
export async function recordTradeImpact(
  trx: Transaction<Database>,
  deps: { registry: FactorRegistry; communes: CommuneDirectory },
  trade: TradeRow,
  completedAt: Date,
): Promise<ImpactRecordRow> {
  const existing = await impactRepository.findImpactRecord(trx, trade.id);
  if (existing) return existing;
  const lot = await lotRepository.findLot(trx, trade.lot_id);
  const seller = await siteRepository.findSiteById(trx, trade.seller_site_id);
  if (!lot || !seller) throw new Error(`trade ${trade.id}: lot or seller site missing`);

  let massKg: number;
  let massMeasured: boolean;
  if (trade.handover_grams !== null) {
    massKg = Number(gramsToKg(trade.handover_grams));
    massMeasured = true;
  } else if (trade.unit === 'kg' || trade.unit === 't') {
    massKg = Number(trade.quantity) * (trade.unit === 't' ? 1000 : 1);
    massMeasured = false;
  } else {
    const lotMass = lot.mass_kg === null ? 0 : Number(lot.mass_kg);
    massKg = (lotMass * Number(trade.quantity)) / Number(lot.quantity);
    massMeasured = false;
  }

  let destination: ImpactRecordContext['destination'] = {
    kind: 'unknown',
    siteId: null,
    userId: trade.buyer_user_id,
    key: 'unknown',
    label: 'inconnu',
    departement: null,
    shownAt: null,
    distanceFrom: null,
  };
  const buyerSite = trade.buyer_site_id
    ? await siteRepository.findSiteById(trx, trade.buyer_site_id)
    : undefined;
  if (buyerSite) {
    destination = {
      kind: 'site',
      siteId: buyerSite.id,
      userId: trade.buyer_user_id,
      key: buyerSite.id,
      label: buyerSite.name,
      departement: buyerSite.departement_code,
      shownAt: { lat: buyerSite.lat, lon: buyerSite.lon },
      distanceFrom: { lat: buyerSite.lat, lon: buyerSite.lon },
    };
  } else {
    const buyer = await userRepository.findUserWithProfile(trx, trade.buyer_user_id);
    const p = buyer?.profile;
    if (p && p.home_lat !== null && p.home_lon !== null) {
      const commune = p.home_commune_insee ? deps.communes.get(p.home_commune_insee) : undefined;
      const home = { lat: p.home_lat, lon: p.home_lon };
      destination = {
        kind: 'person',
        siteId: null,
        userId: trade.buyer_user_id,
        key: commune
          ? `commune:${commune.insee}`
          : `point:${roundPoint(home, 1).lat},${roundPoint(home, 1).lon}`,
        label: commune?.name ?? 'particulier',
        departement: commune?.departementCode ?? null,
        shownAt: commune ? { lat: commune.lat, lon: commune.lon } : roundPoint(home, 1),
        distanceFrom: home,
      };
    }
  }

  const factorSet = await deps.registry.active(trx);
  const row = buildImpactRecord(
    {
      tradeId: trade.id,
      completedAt,
      isDemo: seller.is_demo,
      origin: {
        siteId: seller.id,
        departement: seller.departement_code,
        region: seller.region_code,
        territoryType: seller.territory_type,
        sectors: seller.sectors,
        lat: seller.lat,
        lon: seller.lon,
      },
      destination,
      lotId: lot.id,
      materialKey: lot.material_key,
      materialFamily: lot.family_key,
      massKg,
      massMeasured,
      // The vehicle recorded at handover; without one, the default van of the transport model.
      ...(trade.vehicle_key ? { transport: { vehicleKey: trade.vehicle_key } } : {}),
    },
    factorSet,
  );
  const [inserted] = await impactRepository.insertImpactRecords(trx, [row]);
  return inserted ?? (await impactRepository.findImpactRecord(trx, trade.id))!;
}
