import { DomainError } from '@retaille/domain';
import type { Actor } from './actor.ts';

export type Action = 'site.create' | 'site.update';

/**
 * The one place where "may this actor do that to this resource?" is decided.
 * Until accounts land (issue #3) every authenticated-or-not caller may create and edit sites;
 * the call sites already pass the actor and the resource, so tightening this is local.
 */
export function can(_actor: Actor, action: Action, _resource?: unknown): boolean {
  switch (action) {
    case 'site.create':
    case 'site.update':
      return true;
    default: {
      const never: never = action;
      return never;
    }
  }
}

export function assertCan(actor: Actor, action: Action, resource?: unknown): void {
  if (!can(actor, action, resource)) {
    throw new DomainError(actor.kind === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN', `auth.${action}`);
  }
}

/** Exact addresses and contacts need an account; anonymous visitors see the commune only. */
export function canSeeExactLocation(actor: Actor, _site: unknown): boolean {
  return actor.kind !== 'anonymous';
}
