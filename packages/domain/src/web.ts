/**
 * What the browser needs from the domain, and nothing more: the taxonomy's labels, units and
 * quantities, sectors and territory types, euro formatting, trade states. No emission factors,
 * no matching, no pricing: `@retaille/domain/web` keeps those out of the web bundle (the root
 * barrel is banned in apps/web by biome.json).
 */

export * from './geo/codes.ts';
export { DEPARTEMENTS, type Departement, departementOf } from './geo/departements.ts';
export { EARTH_RADIUS_M, FRANCE_BOUNDS } from './geo/distance.ts';
export {
  HANDOVER_VEHICLE_KEYS,
  type HandoverVehicleKey,
  vehicleKeyOfTravelMode,
} from './impact/vehicles.ts';
export {
  type LotCondition,
  lotConditions,
  type RecurringPeriod,
  recurringPeriods,
} from './lots/lot-rules.ts';
export * from './materials/mass.ts';
export * from './materials/taxonomy.ts';
export * from './materials/units.ts';
export { fromDecimalComma, parseDecimal, scaleHalfUp } from './money/decimal.ts';
export * from './money/format-eur.ts';
export { type Money, money } from './money/money.ts';
export * from './sites/opening-hours.ts';
export * from './sites/sectors.ts';
export * from './sites/territory.ts';
export { availableTransitions } from './trades/trade-machine.ts';
export * from './trades/trade-states.ts';
