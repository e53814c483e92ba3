/**
 * Impact accounting: the versioned factor registry and its reviewed import, the transport model
 * (the one matching uses too), the impact of one trade (avoided CO2e net of transport), and the
 * dashboard aggregation the database is checked against. Pure: no I/O, no clock.
 */
export * from './aggregate.ts';
export * from './csv.ts';
export * from './embedded-factors.ts';
export * from './factor-registry.ts';
export * from './impact.ts';
export * from './method.ts';
export * from './stored-record.ts';
export * from './transport.ts';
export * from './travel.ts';
export * from './vehicles.ts';
