import { fieldErrorsFromZod } from '@retaille/api/client';
import type { z } from 'zod';
import type { AppLocale } from '../i18n/i18n.ts';
import type { FieldErrors } from './errors.ts';

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
