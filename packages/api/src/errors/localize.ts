import { z } from 'zod';
import { hasMessage, type Locale, translate } from './messages.ts';

export interface FieldError {
  path: string;
  key: string;
  fr: string;
  en: string;
}

const zodLocales = { fr: z.locales.fr(), en: z.locales.en() };

type IssueLike = z.core.$ZodIssue;

function paramsOf(issue: IssueLike): Record<string, string | number> {
  const p: Record<string, string | number> = {};
  for (const k of ['minimum', 'maximum'] as const) {
    const v = (issue as unknown as Record<string, unknown>)[k];
    if (typeof v === 'number' || typeof v === 'bigint') p[k === 'minimum' ? 'min' : 'max'] = Number(v);
  }
  return p;
}

function localizeIssue(issue: IssueLike, locale: Locale): string {
  if (hasMessage(issue.message)) return translate(issue.message, locale, paramsOf(issue));
  return zodLocales[locale].localeError(issue as never) as string;
}

/**
 * Turns zod issues into field errors in both languages. Schemas use message keys from
 * `messages.ts` where a plain sentence reads better; other issues get zod's own locales.
 */
export function fieldErrorsFromZod(issues: readonly IssueLike[]): FieldError[] {
  return issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    key: hasMessage(issue.message) ? issue.message : `zod.${issue.code}`,
    fr: localizeIssue(issue, 'fr'),
    en: localizeIssue(issue, 'en'),
  }));
}

export function fieldErrorsFromProblems(
  problems: readonly { path: string; key: string; params?: Record<string, string | number> | undefined }[],
): FieldError[] {
  return problems.map((p) => ({
    path: p.path,
    key: p.key,
    fr: translate(p.key, 'fr', p.params),
    en: translate(p.key, 'en', p.params),
  }));
}
