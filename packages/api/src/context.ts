import type { Actor, UseCases } from '@retaille/services';

/** What the transport knows of the HTTP request behind a call (absent for direct callers: tests). */
export interface RequestMeta {
  /** The request id (X-Request-Id, the proxy's or the server's), for logs. */
  id: string;
}

/**
 * The inner context: what procedures may use, and nothing else — the caller, the use cases (no
 * database, configuration or auth handle: those stay in the composition root), the request's
 * metadata. Tests build it directly.
 */
export interface Context {
  actor: Actor;
  services: UseCases;
  request?: RequestMeta | undefined;
}

export function createInnerContext(ctx: Context): Context {
  return ctx;
}
