import { type ErrorData, fieldErrorsFromZod } from '@retaille/api/client';
import { TRPCClientError } from '@trpc/client';
import type { z } from 'zod';
import type { AppLocale } from '../i18n/i18n.ts';

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

/** Client-side validation with the same zod schema the procedure uses. */
export function validateWith<T extends z.ZodType>(
  schema: T,
  values: unknown,
  locale: AppLocale,
): { ok: true; data: z.output<T> } | { ok: false; errors: FieldErrors } {
  const r = schema.safeParse(values);
  if (r.success) return { ok: true, data: r.data };
  const errors: FieldErrors = {};
  for (const f of fieldErrorsFromZod(r.error.issues)) errors[f.path] ??= f[locale];
  return { ok: false, errors };
}
