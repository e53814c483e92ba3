import type { DomainError, DomainErrorCode } from '@retaille/domain';
import type { TRPC_ERROR_CODE_KEY } from '@trpc/server/rpc';
import { translate } from './messages.ts';

/**
 * The one table from domain error codes to the transport (STYLE.md habit 4): the HTTP status that
 * every route answers, the tRPC code whose status is the same, and the default message key.
 */
export const domainErrorTransport = {
  NOT_FOUND: { status: 404, trpc: 'NOT_FOUND', key: 'error.notFound' },
  UNAUTHENTICATED: { status: 401, trpc: 'UNAUTHORIZED', key: 'error.unauthenticated' },
  FORBIDDEN: { status: 403, trpc: 'FORBIDDEN', key: 'error.forbidden' },
  VALIDATION: { status: 400, trpc: 'BAD_REQUEST', key: 'validation.failed' },
  CONFLICT: { status: 409, trpc: 'CONFLICT', key: 'error.conflict' },
  RATE_LIMITED: { status: 429, trpc: 'TOO_MANY_REQUESTS', key: 'error.rateLimited' },
} as const satisfies Record<DomainErrorCode, { status: number; trpc: TRPC_ERROR_CODE_KEY; key: string }>;

/** The HTTP status of a domain error, for tRPC and the plain Fastify routes alike. */
export function httpStatusOf(error: Pick<DomainError, 'code'>): number {
  return domainErrorTransport[error.code].status;
}

type Params = Record<string, string | number>;

/** The JSON error body of the plain (non-tRPC) routes: the status, a message key and its two texts. */
export function errorBody(status: number, key: string, params?: Params, extra: Record<string, unknown> = {}) {
  return {
    error: {
      status,
      key,
      fr: translate(key, 'fr', params),
      en: translate(key, 'en', params),
      ...extra,
    },
  };
}
