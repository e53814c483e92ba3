import { DomainError } from '@retaille/domain';
import type { Actor, UserActor } from '../auth/actor.ts';
import { forbidden, isAdmin, requireUser } from '../auth/policy.ts';

/** The console's money, moderation, roles and settings are for admins (operators) only. */
export function requireOperator(actor: Actor): UserActor {
  const user = requireUser(actor);
  if (!isAdmin(user)) throw forbidden();
  return user;
}

/** The verification queue is also for coordinators (within their scope). */
export function requireVerifier(actor: Actor): UserActor {
  const user = requireUser(actor);
  if (!isAdmin(user) && !user.roles.includes('coordinator')) throw forbidden();
  return user;
}

/** A refusal that names the field it is about (the console shows it next to the field). */
export function fieldRefusal(
  code: 'VALIDATION' | 'CONFLICT' | 'NOT_FOUND',
  path: string,
  key: string,
  params?: Record<string, string | number>,
): DomainError {
  return new DomainError(code, key, { fields: [{ path, key, ...(params ? { params } : {}) }] });
}
