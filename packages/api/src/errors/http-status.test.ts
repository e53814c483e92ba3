import { DomainError, domainErrorCodes } from '@retaille/domain';
import { TRPCError } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import { describe, expect, it } from 'vitest';
import { domainErrorTransport, errorBody, httpStatusOf } from './http-status.ts';
import { hasMessage } from './messages.ts';

describe('httpStatusOf', () => {
  it.each([
    ['NOT_FOUND', 404],
    ['UNAUTHENTICATED', 401],
    ['FORBIDDEN', 403],
    ['VALIDATION', 400],
    ['CONFLICT', 409],
    ['RATE_LIMITED', 429],
  ] as const)('answers %s with %i', (code, status) => {
    expect(httpStatusOf(new DomainError(code, 'any.key'))).toBe(status);
  });

  it.each(domainErrorCodes)('gives %s the status tRPC gives its tRPC code, and a translated key', (code) => {
    const { status, trpc, key } = domainErrorTransport[code];
    expect(getHTTPStatusCodeFromError(new TRPCError({ code: trpc }))).toBe(status);
    expect(hasMessage(key)).toBe(true);
  });
});

describe('errorBody', () => {
  it('carries the status, the key and both texts with their parameters', () => {
    expect(errorBody(400, 'error.batchTooLarge', { max: 10, count: 11 }, { message: 'm' })).toEqual({
      error: {
        status: 400,
        key: 'error.batchTooLarge',
        fr: expect.stringContaining('10'),
        en: expect.stringContaining('10'),
        message: 'm',
      },
    });
  });
});
