import type { FastifyPluginAsync, FastifyPluginOptions } from 'fastify';

/**
 * Marks a plugin as not encapsulated, as fastify-plugin does: its hooks, handlers and decorations
 * apply to the whole app rather than to a child scope. For cross-cutting plugins only; route
 * groups stay encapsulated.
 */
export function unencapsulated<Options extends FastifyPluginOptions>(
  plugin: FastifyPluginAsync<Options>,
): FastifyPluginAsync<Options> {
  return Object.assign(plugin, { [Symbol.for('skip-override')]: true });
}
