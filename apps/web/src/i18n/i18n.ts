import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { catalogueEn } from './catalogue.en.ts';
import { catalogueFr } from './catalogue.fr.ts';
import { en } from './en.ts';
import { fr } from './fr.ts';
import { impactEn } from './impact.en.ts';
import { impactFr } from './impact.fr.ts';
import { matchingEn } from './matching.en.ts';
import { matchingFr } from './matching.fr.ts';
import { tradesEn } from './trades.en.ts';
import { tradesFr } from './trades.fr.ts';

export type AppLocale = 'fr' | 'en';
const STORAGE_KEY = 'retaille.locale';

function initialLocale(): AppLocale {
  const saved = typeof localStorage !== 'undefined' ? localStorage.getItem(STORAGE_KEY) : null;
  return saved === 'en' ? 'en' : 'fr';
}

void i18n.use(initReactI18next).init({
  // `catalogue`: lots, photos, search, map and wanted requests (useTranslation('catalogue')).
  resources: {
    fr: { translation: fr, catalogue: catalogueFr, matching: matchingFr, trades: tradesFr, impact: impactFr },
    en: { translation: en, catalogue: catalogueEn, matching: matchingEn, trades: tradesEn, impact: impactEn },
  },
  ns: ['translation', 'catalogue', 'matching', 'trades', 'impact'],
  defaultNS: 'translation',
  lng: initialLocale(),
  fallbackLng: 'fr',
  interpolation: { escapeValue: false },
  returnNull: false,
});

document.documentElement.lang = i18n.language;
i18n.on('languageChanged', (lng) => {
  document.documentElement.lang = lng;
  localStorage.setItem(STORAGE_KEY, lng);
});

export const currentLocale = (): AppLocale => (i18n.language === 'en' ? 'en' : 'fr');
export default i18n;
