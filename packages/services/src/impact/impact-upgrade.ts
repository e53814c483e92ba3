import { type Database, impactRepository, type Kysely, type Transaction } from '@retaille/db';
import {
  DEFAULT_VEHICLE_KEY,
  defaultRecordTravel,
  IMPACT_METHOD_VERSION,
  type MethodRecordInput,
  storedTradeImpactInputSchema,
} from '@retaille/domain';
import type { FactorRegistry } from './factor-registry.service.ts';
import { methodFigures, travelOf } from './impact-recorder.ts';

type ImpactFiguresUpdate = impactRepository.ImpactFiguresUpdate;
type RecordToRecompute = impactRepository.RecordToRecompute;

/** Records recomputed per transaction: one statement each, a few MB of JSON at most. */
export const UPGRADE_BATCH = 2_000;

export interface UpgradeReport {
  methodVersion: string;
  recomputed: number;
}

/** The vehicle a method-0 record's stored input names, when it can be read. */
function legacyVehicle(
  r: RecordToRecompute,
): { key: string; transportMode?: string; roundTrip?: boolean } | null {
  if (r.trade_vehicle_key) return { key: r.trade_vehicle_key };
  const parsed = storedTradeImpactInputSchema.safeParse(r.input);
  // A method-0 record without a vehicle on its trade was charged the default van: keep it labelled so.
  if (!parsed.success || parsed.data.vehicleKey === DEFAULT_VEHICLE_KEY) return null;
  return {
    key: parsed.data.vehicleKey,
    transportMode: parsed.data.transportMode,
    roundTrip: parsed.data.roundTrip,
  };
}

/**
 * Recomputes every stored record that was not computed with the current method version
 * (docs/impact-method.md §10): its stored place, material, mass and distance, how it travelled
 * (its trip with every lot, else the vehicle recorded at handover, else the labelled default),
 * under the factor version it already cites. The figures it had are kept in
 * impact_record_revision, and the rollups move in the same transaction. Batches of
 * `UPGRADE_BATCH` records, each in its own transaction: an interrupted run resumes where it
 * stopped, and until it ends the dashboard cites both method versions. Idempotent.
 */
export async function upgradeImpactRecords(
  deps: { db: Kysely<Database>; registry: FactorRegistry; now: () => Date },
  batch = UPGRADE_BATCH,
): Promise<UpgradeReport> {
  const report: UpgradeReport = { methodVersion: IMPACT_METHOD_VERSION, recomputed: 0 };
  if (!(await impactRepository.hasRecordsToRecompute(deps.db, IMPACT_METHOD_VERSION))) return report;
  // Serialised with other upgrades (two server processes starting at once).
  let after: string | null = null;
  for (;;) {
    const done = await deps.db.transaction().execute(async (trx) => {
      await impactRepository.lockFactorRegistry(trx);
      const rows = await impactRepository.recordsToRecompute(trx, IMPACT_METHOD_VERSION, after, batch);
      if (rows.length === 0) return null;
      const updates = await recomputeRows(trx, deps.registry, rows);
      report.recomputed += await impactRepository.replaceImpactFigures(
        trx,
        updates,
        'method_upgrade',
        deps.now(),
      );
      return rows.at(-1)!.trade_id;
    });
    if (done === null) return report;
    after = done;
  }
}

async function recomputeRows(
  trx: Transaction<Database>,
  registry: FactorRegistry,
  rows: readonly RecordToRecompute[],
): Promise<ImpactFiguresUpdate[]> {
  const tripIds = [...new Set(rows.map((r) => r.trip_id).filter((id): id is string => id !== null))];
  const trips = new Map(
    (await impactRepository.tripsWithTrades(trx, tripIds)).map((t) => [t.trip.id, t] as const),
  );
  const updates: ImpactFiguresUpdate[] = [];
  for (const r of rows) {
    // The version it cites (a foreign key: a stored version is never deleted).
    const factorSet = await registry.get(r.factor_version, trx);
    if (factorSet === undefined) throw new Error(`factor version ${r.factor_version} missing`);
    const trip = r.trip_id === null ? undefined : trips.get(r.trip_id);
    const travel =
      travelOf({
        tradeId: r.trade_id,
        massKg: r.mass_kg,
        distanceKm: r.distance_km,
        trip: trip && {
          trip: trip.trip,
          lots: trip.trades.map((t) => ({ tradeId: t.trade_id, massKg: t.mass_kg })),
        },
        vehicle: legacyVehicle(r),
      }) ?? defaultRecordTravel(r.trade_id, r.mass_kg, r.distance_km);
    const input: MethodRecordInput = {
      tradeId: r.trade_id,
      factorVersion: factorSet.version,
      materialKey: r.material_key,
      massKg: r.mass_kg,
      massMeasured: r.mass_source === 'measured',
      distanceKm: r.distance_km,
      travel,
    };
    updates.push({ trade_id: r.trade_id, ...methodFigures(input, factorSet, r.flags) });
  }
  return updates;
}
