import type { TravelMode } from './travel.ts';

/**
 * The registry vehicles, stated once: which ones a handover may name (the API's enum, the web's
 * form) and the one a travel mode of method v1 is recorded with (`travelModeOfLegacyVehicle`,
 * stored-record.ts, reads it back). The factors themselves live only in
 * the registry (embedded-factors.ts); absent = the default van (`DEFAULT_VEHICLE_KEY`).
 */

/** Pickups are mostly made in a small van (transport-factors.csv: van_diesel_avg_defra). */
export const DEFAULT_VEHICLE_KEY = 'van_diesel_avg_defra';

/** DESNZ/DEFRA battery-electric van (transport-factors.csv). */
export const ELECTRIC_VAN_VEHICLE_KEY = 'van_bev_avg_defra';

/** The registry vehicles a seller may name at handover (`trades.handOver`'s `vehicleKey`). */
export const HANDOVER_VEHICLE_KEYS = [
  DEFAULT_VEHICLE_KEY,
  ELECTRIC_VAN_VEHICLE_KEY,
  'hgv_rigid_avg_laden_defra',
  'hgv_all_avg_laden_defra',
] as const;
export type HandoverVehicleKey = (typeof HANDOVER_VEHICLE_KEYS)[number];

/** The registry vehicle a travel mode is recorded with at handover, when it is one. */
const VEHICLE_OF_TRAVEL_MODE: Partial<Record<TravelMode, HandoverVehicleKey>> = {
  van_diesel: DEFAULT_VEHICLE_KEY,
  van_electric: ELECTRIC_VAN_VEHICLE_KEY,
};

/** The registry vehicle recorded with a handover's travel mode (vans), else null. */
export function vehicleKeyOfTravelMode(mode: TravelMode | '' | null | undefined): HandoverVehicleKey | null {
  return mode ? (VEHICLE_OF_TRAVEL_MODE[mode] ?? null) : null;
}
