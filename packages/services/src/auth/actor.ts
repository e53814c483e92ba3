/**
 * Who is calling. Built by the transport from the session; services decide authorization from
 * the actor and the resource, never from the UI.
 */
export type Actor =
  | { kind: 'anonymous' }
  | {
      kind: 'user';
      userId: string;
      /** Platform-wide roles; site membership is looked up per resource. */
      roles: readonly ('designer' | 'coordinator' | 'admin')[];
    }
  | { kind: 'system' };

export const anonymous: Actor = { kind: 'anonymous' };
export const systemActor: Actor = { kind: 'system' };
