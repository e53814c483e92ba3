import { DomainError, isDomainError } from '@retaille/domain';
import { initTRPC, TRPCError } from '@trpc/server';
import { ZodError } from 'zod';
import type { Context } from './context.ts';
import { domainErrorTransport } from './errors/http-status.ts';
import { type FieldError, fieldErrorsFromProblems, fieldErrorsFromZod } from './errors/localize.ts';
import { hasMessage, translate } from './errors/messages.ts';

export interface ErrorData {
  key: string;
  messages: { fr: string; en: string };
  fields: FieldError[];
}

const t = initTRPC.context<Context>().create({
  errorFormatter({ shape, error }) {
    let data: ErrorData;
    const cause = error.cause;
    if (cause instanceof ZodError) {
      data = {
        key: 'validation.failed',
        messages: { fr: translate('validation.failed', 'fr'), en: translate('validation.failed', 'en') },
        fields: fieldErrorsFromZod(cause.issues),
      };
    } else if (isDomainError(cause)) {
      data = {
        key: cause.key,
        messages: { fr: translate(cause.key, 'fr'), en: translate(cause.key, 'en') },
        fields: fieldErrorsFromProblems(cause.details.fields ?? []),
      };
    } else if (error.code === 'INTERNAL_SERVER_ERROR') {
      data = {
        key: 'error.internal',
        messages: { fr: translate('error.internal', 'fr'), en: translate('error.internal', 'en') },
        fields: [],
      };
    } else {
      // tRPC's own errors (a body that is not JSON, an unknown path, a wrong method) carry the
      // runtime's message ("Unexpected end of JSON input"): answer a generic text per code instead.
      const key = `trpc.${error.code}`;
      const text = hasMessage(key) ? key : 'error.badRequest';
      data = { key, messages: { fr: translate(text, 'fr'), en: translate(text, 'en') }, fields: [] };
    }
    return {
      ...shape,
      message: isDomainError(cause) ? shape.message : data.messages.en,
      data: { code: shape.data.code, httpStatus: shape.data.httpStatus, path: shape.data.path, ...data },
    };
  },
});

/**
 * Maps DomainErrors thrown by services to tRPC errors through the one transport table
 * (errors/http-status.ts); TRPCError never leaves this package.
 */
const domainErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && isDomainError(result.error.cause)) {
    const d = result.error.cause;
    throw new TRPCError({ code: domainErrorTransport[d.code].trpc, message: d.key, cause: d });
  }
  return result;
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
export const publicProcedure = t.procedure.use(domainErrors);

/** Procedures that need a signed-in user; services still decide on the resource itself. */
export const authedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (ctx.actor.kind !== 'user') {
    throw new TRPCError({
      code: 'UNAUTHORIZED',
      message: 'error.unauthenticated',
      cause: new DomainError('UNAUTHENTICATED', 'error.unauthenticated'),
    });
  }
  return next({ ctx: { ...ctx, actor: ctx.actor } });
});
