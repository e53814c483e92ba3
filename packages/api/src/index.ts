/** tRPC transport: the router, its context and the caller factory (server side). */
export * from './context.ts';
export { domainErrorTransport, errorBody, httpStatusOf } from './errors/http-status.ts';
export { type FieldError, fieldErrorsFromProblems, fieldErrorsFromZod } from './errors/localize.ts';
export * from './errors/messages.ts';
export { type AppRouter, appRouter } from './router.ts';
export { type SyncSchema, schemaOfParser, syncSchema } from './sync-schema.ts';
export { createCallerFactory, type ErrorData } from './trpc.ts';
