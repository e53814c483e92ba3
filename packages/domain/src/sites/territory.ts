/** Territory types used by the programme and the coordinators' breakdowns. */
export const territoryTypes = ['rural', 'qpv', 'small_medium_town', 'metropolis'] as const;
export type TerritoryType = (typeof territoryTypes)[number];
