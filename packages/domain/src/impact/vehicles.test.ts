import { describe, expect, it } from 'vitest';
import { EMBEDDED_FACTOR_SET } from './embedded-factors.ts';
import { findTransportFactor } from './factor-registry.ts';
import { travelModeOfLegacyVehicle } from './stored-record.ts';
import { travelModes } from './travel.ts';
import { DEFAULT_VEHICLE_KEY, HANDOVER_VEHICLE_KEYS, vehicleKeyOfTravelMode } from './vehicles.ts';

describe('registry vehicles', () => {
  it('offers at handover only vehicles the embedded registry has a factor for, the default first', () => {
    expect(HANDOVER_VEHICLE_KEYS[0]).toBe(DEFAULT_VEHICLE_KEY);
    for (const key of HANDOVER_VEHICLE_KEYS) {
      expect(findTransportFactor(EMBEDDED_FACTOR_SET, key), key).toBeDefined();
    }
  });

  it('records the vans with their registry vehicle and every other mode without one', () => {
    expect(vehicleKeyOfTravelMode('van_diesel')).toBe('van_diesel_avg_defra');
    expect(vehicleKeyOfTravelMode('van_electric')).toBe('van_bev_avg_defra');
    for (const mode of ['on_foot', 'bike', 'car_dedicated', 'carrier', 'shared_tour'] as const) {
      expect(vehicleKeyOfTravelMode(mode)).toBeNull();
    }
    expect(vehicleKeyOfTravelMode('')).toBeNull();
    expect(vehicleKeyOfTravelMode(null)).toBeNull();
  });

  it('reads a recorded vehicle back as the mode it was recorded with', () => {
    for (const mode of travelModes) {
      const key = vehicleKeyOfTravelMode(mode);
      if (key !== null) expect(travelModeOfLegacyVehicle(key, 'dedicated_trip')).toBe(mode);
    }
  });
});
