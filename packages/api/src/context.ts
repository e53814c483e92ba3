import type { Actor, Services } from '@retaille/services';

/** The inner context: what procedures may use. Tests build it directly. */
export interface Context {
  services: Services;
  actor: Actor;
  /** Preferred language for messages produced outside field errors. */
  locale: 'fr' | 'en';
}

export function createInnerContext(ctx: Context): Context {
  return ctx;
}
