/**
 * Who is calling. Built by the transport from the session; services decide authorization from
 * the actor and the resource, never from the UI.
 */
import type { PlatformRole } from '@retaille/domain';

export { type PlatformRole, platformRoles } from '@retaille/domain';

export interface UserActor {
  kind: 'user';
  userId: string;
  email: string;
  name: string;
  emailVerified: boolean;
  roles: readonly PlatformRole[];
  /** For coordinators: where they may verify sites; both empty = the whole network. */
  coordinatorScope: { departements: readonly string[]; regions: readonly string[] };
}

export type Actor = { kind: 'anonymous' } | UserActor | { kind: 'system' };

export const anonymous: Actor = { kind: 'anonymous' };
export const systemActor: Actor = { kind: 'system' };

export function userActor(
  p: Pick<UserActor, 'userId' | 'email' | 'name'> &
    Partial<Pick<UserActor, 'roles' | 'coordinatorScope' | 'emailVerified'>>,
): UserActor {
  return {
    kind: 'user',
    emailVerified: true,
    roles: [],
    coordinatorScope: { departements: [], regions: [] },
    ...p,
  };
}
