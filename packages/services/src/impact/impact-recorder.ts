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
  assessRecordInput,
  type CommuneDirectory,
  defaultRecordTravel,
  type FactorSet,
  getMaterial,
  gramsToKg,
  haversineKm,
  type LatLon,
  type MethodRecordInput,
  parisMonth,
  type RecordTravel,
  roundPoint,
  tonneKm,
  travelModeOfLegacyVehicle,
} from '@retaille/domain';
import type { FactorRegistry } from './factor-registry.service.ts';

type ImpactFiguresUpdate = impactRepository.ImpactFiguresUpdate;
type TripRow = impactRepository.TripRow;

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
  /** How the lot travelled (a recorded trip, or a vehicle); the labelled default when absent. */
  travel?: RecordTravel;
}

/** Flags a record keeps whatever its figures (they describe its place, not the method). */
const PLACE_FLAGS = new Set(['distance_unknown']);

/**
 * A record's figures under the current method (docs/impact-method.md §3-4), from its stored
 * input: what a new record is written with and what a recomputation replaces.
 */
export function methodFigures(
  input: MethodRecordInput,
  factorSet: FactorSet,
  keptFlags: readonly string[] = [],
): Omit<ImpactFiguresUpdate, 'trade_id'> {
  const a = assessRecordInput(input, factorSet);
  const flags = keptFlags.filter((f) => PLACE_FLAGS.has(f));
  if (a.coverage === 'none') flags.push('material_factor_missing');
  if (a.coverage === 'proxy') flags.push('material_factor_proxy');
  if (a.travelIsDefault) flags.push('travel_default');
  return {
    method_version: a.methodVersion,
    input: a.input,
    factor_key: a.factorKey,
    vehicle_key: a.travelMode,
    factor_missing: a.coverage === 'none',
    flags,
    avoided_kg_co2e: a.avoidedKgCo2e.central,
    avoided_low_kg_co2e: a.avoidedKgCo2e.low,
    avoided_high_kg_co2e: a.avoidedKgCo2e.high,
    transport_kg_co2e: a.transportKgCo2e.central,
    transport_low_kg_co2e: a.transportKgCo2e.low,
    transport_high_kg_co2e: a.transportKgCo2e.high,
    net_kg_co2e: a.netKgCo2e.central,
    net_low_kg_co2e: a.netKgCo2e.low,
    net_high_kg_co2e: a.netKgCo2e.high,
    tonne_km: tonneKm(a.input.massKg, a.input.distanceKm),
    travel_mode: a.travelMode,
    travel_is_default: a.travelIsDefault,
    coverage: a.coverage,
  };
}

/**
 * How a trade travelled, as charged: its recorded trip (every lot of it, for the mass shares; a
 * trip without its own distance is driven over this trade's parties' distance), else the vehicle
 * recorded at handover before trips existed (there and back), else undefined (the default).
 */
export function travelOf(args: {
  tradeId: string;
  massKg: number;
  distanceKm: number;
  trip?: {
    trip: Pick<TripRow, 'id' | 'mode' | 'distance_km' | 'round_trip'>;
    lots: { tradeId: string; massKg: number }[];
  };
  vehicle?: { key: string; transportMode?: string; roundTrip?: boolean } | null;
}): RecordTravel | undefined {
  if (args.trip) {
    const { trip, lots } = args.trip;
    return {
      mode: trip.mode,
      roundTrip: trip.round_trip,
      distanceKm: trip.distance_km ?? args.distanceKm,
      isDefault: false,
      tripId: trip.id,
      lots: lots.some((l) => l.tradeId === args.tradeId)
        ? lots
        : [...lots, { tradeId: args.tradeId, massKg: args.massKg }],
    };
  }
  if (args.vehicle) {
    return {
      mode: travelModeOfLegacyVehicle(args.vehicle.key, args.vehicle.transportMode ?? 'dedicated_trip'),
      roundTrip: args.vehicle.roundTrip ?? true,
      distanceKm: args.distanceKm,
      isDefault: false,
      tripId: null,
      lots: [{ tradeId: args.tradeId, massKg: args.massKg }],
    };
  }
  return undefined;
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
  const figures = methodFigures(
    {
      tradeId: ctx.tradeId,
      factorVersion: factorSet.version,
      materialKey: ctx.materialKey,
      massKg: ctx.massKg,
      massMeasured: ctx.massMeasured,
      distanceKm,
      travel: ctx.travel ?? defaultRecordTravel(ctx.tradeId, ctx.massKg, distanceKm),
    },
    factorSet,
    d.distanceFrom === null ? ['distance_unknown'] : [],
  );
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
    mass_kg: ctx.massKg,
    mass_source: ctx.massMeasured ? 'measured' : 'estimated',
    distance_km: distanceKm,
    distance_method: d.distanceFrom === null ? 'unknown' : 'great_circle',
    factor_version: factorSet.version,
    ...figures,
    input: figures.input as NewImpactRecordRow['input'],
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
    massKg = trade.quantity * (trade.unit === 't' ? 1000 : 1);
    massMeasured = false;
  } else {
    massKg = ((lot.mass_kg ?? 0) * trade.quantity) / lot.quantity;
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
  // The trip is locked before its lots are read: a handover joining it at the same time either
  // commits first (its lot is read here) or waits and then re-allocates this record.
  const found = await impactRepository.findTripOfTrade(trx, trade.id);
  const trip =
    found && (await impactRepository.lockTrip(trx, found.trip.id))
      ? { trip: found.trip, trades: await impactRepository.listTripTrades(trx, found.trip.id) }
      : undefined;
  const distanceKm =
    destination.distanceFrom === null
      ? 0
      : haversineKm({ lat: seller.lat, lon: seller.lon }, destination.distanceFrom);
  const travel = travelOf({
    tradeId: trade.id,
    massKg,
    distanceKm,
    trip: trip && {
      trip: trip.trip,
      lots: trip.trades.map((t) => ({ tradeId: t.trade_id, massKg: t.mass_kg })),
    },
    vehicle: trade.vehicle_key ? { key: trade.vehicle_key } : null,
  });
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
      ...(travel ? { travel } : {}),
    },
    factorSet,
  );
  const [inserted] = await impactRepository.insertImpactRecords(trx, [row]);
  return inserted ?? (await impactRepository.findImpactRecord(trx, trade.id))!;
}
