import i18n, { type BackendModule, type PostProcessorModule } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { frenchTypography } from '../lib/typography.ts';

export type AppLocale = 'fr' | 'en';
const STORAGE_KEY = 'retaille.locale';

function initialLocale(): AppLocale {
  const saved = typeof localStorage !== 'undefined' ? localStorage.getItem(STORAGE_KEY) : null;
  return saved === 'en' ? 'en' : 'fr';
}

/**
 * Dictionaries are fetched per language: a French visitor never downloads the English texts.
 * i18next loads the language before switching to it, so a switch never shows raw keys.
 */
const loaders: Record<AppLocale, () => Promise<{ resources: Record<string, object> }>> = {
  fr: () => import('./locale.fr.ts'),
  en: () => import('./locale.en.ts'),
};

const perLanguageBackend: BackendModule = {
  type: 'backend',
  init() {},
  read(language, namespace, callback) {
    const load = loaders[language as AppLocale];
    if (!load) return callback(null, {});
    load().then(
      (m) => callback(null, (m.resources[namespace] ?? {}) as never),
      (e: Error) => callback(e, false),
    );
  },
};

/**
 * Every French text, dictionaries and what is interpolated into them, gets its no-break spaces
 * before « : ; ! ? » and inside « guillemets », and typographic apostrophes, at translation
 * time: the dictionaries stay easy to write and a new page cannot forget them.
 */
const frenchTypographyProcessor: PostProcessorModule = {
  type: 'postProcessor',
  name: 'frenchTypography',
  process(value, _key, options, translator) {
    const lng = (options as { lng?: string }).lng ?? (translator as { language?: string }).language;
    return lng === 'fr' && typeof value === 'string' ? frenchTypography(value) : value;
  },
};

/** Resolves once the visitor's language is loaded; main.tsx renders after it. */
export const i18nReady = i18n
  .use(perLanguageBackend)
  .use(frenchTypographyProcessor)
  .use(initReactI18next)
  .init({
    // `catalogue`: lots, photos, search, map and wanted requests (useTranslation('catalogue')).
    ns: ['translation', 'catalogue', 'matching', 'trades', 'impact', 'operations', 'tours', 'sourcing'],
    defaultNS: 'translation',
    lng: initialLocale(),
    fallbackLng: false,
    supportedLngs: ['fr', 'en'],
    interpolation: { escapeValue: false },
    returnNull: false,
    postProcess: ['frenchTypography'],
    react: { useSuspense: false },
  });

// Not in the build's prerender (prerender.tsx), which runs in Node.
if (typeof document !== 'undefined') {
  // The chosen language at once (i18n.language is set only once its dictionary is loaded).
  document.documentElement.lang = initialLocale();
  i18n.on('languageChanged', (lng) => {
    document.documentElement.lang = lng;
    localStorage.setItem(STORAGE_KEY, lng);
  });
}

export const currentLocale = (): AppLocale => (i18n.language === 'en' ? 'en' : 'fr');
export default i18n;
