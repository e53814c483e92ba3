import type { PooledTourPlan, PooledTourResponse, UnservedStop } from '@retaille/domain';

/** One stop as the page shows it, whether planned or stored. */
export interface StopView {
  tradeId: string;
  vehicle: number;
  siteName: string;
  communeName: string;
  lotTitle: string;
  point: { lat: number; lon: number };
  loadKg: number;
  arrivalMin: number;
  serviceStartMin: number;
  legKm: number;
  buyerResponse: PooledTourResponse;
  sellerResponse: PooledTourResponse;
  myRole: 'buyer' | 'seller' | null;
}

export type PooledView = Omit<PooledTourPlan, 'vehicles' | 'unserved'> & {
  stops: StopView[];
  /** Km of each vehicle's tour, depot to depot. */
  vehicleKm: readonly number[];
  unserved: readonly UnservedStop[];
};

/** The pooled tours' DTO: stops grouped by vehicle in driving order, unserved stops with their reason. */
export function buildPooledTourDto(v: PooledView): PooledTourPlan {
  const { stops, vehicleKm, unserved, ...rest } = v;
  return {
    ...rest,
    vehicles: vehicleKm.map((km, vehicle) => {
      const own = stops.filter((s) => s.vehicle === vehicle);
      return {
        km,
        loadKg: own.reduce((sum, s) => sum + s.loadKg, 0),
        stops: own.map(({ vehicle: _vehicle, ...s }) => s),
      };
    }),
    unserved: unserved.map((u) => ({
      tradeId: u.stopId,
      reason: u.reason,
      ...(u.availability ? { slot: u.availability } : {}),
      ...(u.openingHours ? { openingHours: u.openingHours } : {}),
    })),
  };
}
