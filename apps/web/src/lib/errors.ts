import type { ErrorData } from '@retaille/api/client';
import { TRPCClientError } from '@trpc/client';
import type { AppLocale } from '../i18n/i18n.ts';

/* Kept free of value imports from @retaille/api/client: this module is in the first bundle. */

export type FieldErrors = Record<string, string>;

/** Field errors from a failed call, in the user's language, keyed by field path. */
export function fieldErrorsOf(error: unknown, locale: AppLocale): FieldErrors {
  if (!(error instanceof TRPCClientError)) return {};
  const data = error.data as Partial<ErrorData> | undefined;
  const out: FieldErrors = {};
  for (const f of data?.fields ?? []) out[f.path] ??= f[locale];
  return out;
}

/** The general message of a failed call, in the user's language. */
export function messageOf(error: unknown, locale: AppLocale, fallback: string): string {
  if (error instanceof TRPCClientError) {
    const data = error.data as Partial<ErrorData> | undefined;
    if (data?.messages) return data.messages[locale];
  }
  return fallback;
}

/** The error key of a failed call (`lot.paymentAccountRequired`…), to react to one case. */
export function errorKeyOf(error: unknown): string | undefined {
  if (!(error instanceof TRPCClientError)) return undefined;
  return (error.data as Partial<ErrorData> | undefined)?.key;
}
