import { Button } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** Switches between French and English; the choice is remembered in the browser. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const next = i18n.language === 'en' ? 'fr' : 'en';
  return (
    <Button
      variant="white"
      color="forest"
      size="xs"
      onClick={() => void i18n.changeLanguage(next)}
      lang={next}
      aria-label={`${t('app.language')} : ${t('app.switchTo')}`}
      data-testid="language-switch"
    >
      {t('app.switchTo')}
    </Button>
  );
}
