import { materialFamilies, type SectorKey } from '@retaille/domain/web';
import { useQuery } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import type { AppLocale } from '../../i18n/i18n.ts';
import { sectorLabel } from '../../lib/labels.ts';
import { regionName } from './regions.ts';

export type Dimension =
  | 'materialFamily'
  | 'sector'
  | 'site'
  | 'departement'
  | 'region'
  | 'territoryType'
  | 'month';

/** Département names from the GeoJSON the web app already serves for maps (cached for the session). */
export function useDepartementNames(): Map<string, string> {
  const q = useQuery({
    queryKey: ['geo', 'departement-names'],
    staleTime: Number.POSITIVE_INFINITY,
    queryFn: async () => {
      const r = await fetch('/geo/departements.geojson');
      if (!r.ok) throw new Error(String(r.status));
      const geo = (await r.json()) as { features: { properties: { code: string; nom: string } }[] };
      return new Map(geo.features.map((f) => [f.properties.code, f.properties.nom]));
    },
  });
  return q.data ?? new Map();
}

export function familyLabel(key: string, locale: AppLocale): string {
  return materialFamilies.find((f) => f.key === key)?.label[locale] ?? key;
}

export function familyOptions(locale: AppLocale) {
  return materialFamilies.map((f) => ({ value: f.key, label: f.label[locale] }));
}

/** A readable label for a breakdown key (the API labels only sites). */
export function makeLabeler(t: TFunction, locale: AppLocale, departements: Map<string, string>) {
  return (dimension: Dimension, key: string, label: string | null): string => {
    if (label) return label;
    if (!key) return t('impact:table.unknown');
    switch (dimension) {
      case 'materialFamily':
        return familyLabel(key, locale);
      case 'sector':
        return sectorLabel(key as SectorKey, locale);
      case 'territoryType':
        return t(`translation:territory.${key}`, { defaultValue: key });
      case 'departement': {
        const name = departements.get(key);
        return name ? `${name} (${key})` : key;
      }
      case 'region':
        return regionName(key);
      default:
        return key;
    }
  };
}
