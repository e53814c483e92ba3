/**
 * Bill-of-materials sourcing: the BOM and its CSV import, the candidate lots of each line, the
 * mixed-integer program as LP text and the reading of the solver's answer. Pure: the solver
 * (HiGHS) is called by services.
 */
export * from './bom.ts';
export * from './sourcing.schemas.ts';
export * from './sourcing-model.ts';
export * from './sourcing-solution.ts';
export * from './sourcing-start.ts';
export * from './wanted-request-for-line.ts';
