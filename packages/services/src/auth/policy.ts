import { DomainError, type SiteRole } from '@retaille/domain';
import type { Actor, UserActor } from './actor.ts';

/**
 * The one place where "may this actor do that to this resource?" is decided. Services call
 * these with the actor and the resource they loaded; the UI only mirrors them.
 */
export type { SiteRole };

interface SitePlace {
  departement_code: string;
  region_code: string;
}

export function requireUser(actor: Actor): UserActor {
  if (actor.kind === 'user') return actor;
  throw new DomainError('UNAUTHENTICATED', 'error.unauthenticated');
}

export function isAdmin(actor: Actor): boolean {
  return actor.kind === 'system' || (actor.kind === 'user' && actor.roles.includes('admin'));
}

/** A coordinator covers a site when their scope is the whole network or includes its place. */
export function coordinatorCovers(actor: Actor, site: SitePlace): boolean {
  if (actor.kind !== 'user' || !actor.roles.includes('coordinator')) return false;
  const { departements, regions } = actor.coordinatorScope;
  if (departements.length === 0 && regions.length === 0) return true;
  return departements.includes(site.departement_code) || regions.includes(site.region_code);
}

/** The site is in the actor's verification scope (which also lets them see it unverified). */
export function canVerifySite(actor: Actor, site: SitePlace): boolean {
  return isAdmin(actor) || coordinatorCovers(actor, site);
}

/**
 * In scope and not their own: verification is a check by someone else, so a coordinator never
 * verifies a site they belong to (an admin may).
 */
export function mayVerifySite(actor: Actor, site: SitePlace, role: SiteRole | undefined): boolean {
  return canVerifySite(actor, site) && (role === undefined || isAdmin(actor));
}

export function canSeeSite(
  actor: Actor,
  site: SitePlace & { verified_at: Date | null },
  role: SiteRole | undefined,
): boolean {
  return site.verified_at !== null || role !== undefined || canVerifySite(actor, site);
}

export function canEditSite(actor: Actor, role: SiteRole | undefined): boolean {
  return isAdmin(actor) || role === 'owner';
}

export function canSeeMembers(actor: Actor, site: SitePlace, role: SiteRole | undefined): boolean {
  return role !== undefined || canVerifySite(actor, site);
}

export function canManageMembers(actor: Actor, role: SiteRole | undefined): boolean {
  return isAdmin(actor) || role === 'owner';
}

/** Exact addresses and contacts need an account; anonymous visitors see the commune only. */
export function canSeeExactLocation(actor: Actor): boolean {
  return actor.kind !== 'anonymous';
}

export function forbidden(key = 'error.forbidden'): DomainError {
  return new DomainError('FORBIDDEN', key);
}
