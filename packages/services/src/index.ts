/** Use cases: orchestrate the domain, the repositories and gateways; own the transactions. */
export * from './auth/actor.ts';
export * from './services.ts';
export * from './sites/site.dto.ts';
export { SiteService } from './sites/site.service.ts';
