import { type SectorKey, sectors } from '@retaille/domain/web';
import type { AppLocale } from '../i18n/i18n.ts';

const byKey = new Map(sectors.map((s) => [s.key, s]));

export function sectorLabel(key: SectorKey, locale: AppLocale): string {
  const s = byKey.get(key);
  if (!s) return key;
  return s[locale] + (s.verified ? '' : locale === 'fr' ? ' (non vérifiée)' : ' (unverified)');
}

export function sectorOptions(locale: AppLocale) {
  return sectors.map((s) => ({ value: s.key, label: sectorLabel(s.key, locale) }));
}
