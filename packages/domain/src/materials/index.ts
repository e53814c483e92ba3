/**
 * Materials: the taxonomy (families, materials, densities, emission-factor keys, EWC codes),
 * substitutes and fit, blend compositions, units and dimensions, and mass estimation.
 */
export * from './composition.ts';
export * from './ewc-codes.ts';
export * from './mass.ts';
export * from './schemas.ts';
export * from './substitutes.ts';
export * from './taxonomy.ts';
export * from './units.ts';
