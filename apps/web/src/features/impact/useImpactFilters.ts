import type { ImpactFiltersInput } from '@retaille/api/client';
import { useSearchParams } from 'react-router';
import { addMonths, currentParisMonth } from './format.ts';

export const filterKeys = ['sector', 'departement', 'region', 'territoryType', 'materialFamily'] as const;
export type FilterKey = (typeof filterKeys)[number];

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The dashboard's period and filters, kept in the URL so a view can be shared, printed, exported. */
export function useImpactFilters(siteId?: string) {
  const [params, setParams] = useSearchParams();
  const defaultTo = currentParisMonth();
  const to = MONTH.test(params.get('to') ?? '') ? (params.get('to') as string) : defaultTo;
  const from = MONTH.test(params.get('from') ?? '') ? (params.get('from') as string) : addMonths(to, -11);
  const filters: Record<string, string> = { from, to };
  for (const k of filterKeys) {
    const v = params.get(k);
    if (v) filters[k] = v;
  }
  if (siteId) filters.siteId = siteId;

  const set = (changes: Partial<Record<FilterKey | 'from' | 'to', string | null>>) => {
    // From the address bar, not this render's params: navigations render in a transition, so a
    // second quick change could otherwise be built on a stale URL and drop the first.
    const next = new URLSearchParams(window.location.search);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next, { replace: true });
  };
  const reset = () => setParams(new URLSearchParams({ from, to }), { replace: true });

  return { input: filters as ImpactFiltersInput, set, reset, query: new URLSearchParams(filters).toString() };
}

/** An export's URL; `lang` picks the CSV's labels, separator and decimal mark (French Excel: `;` and `,`). */
export function exportHref(
  query: string,
  format: 'csv' | 'json' | 'xlsx',
  kind: 'lines' | 'aggregates' | 'sources',
  lang: 'fr' | 'en' = 'fr',
): string {
  return `/api/impact/export.${format}?${query}&kind=${kind}&lang=${lang}`;
}
