import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useMe } from '../lib/session.ts';
import classes from './DemoBanner.module.css';

/** Which demo account this is, from its address (the accounts the server prints at start). */
const ROLE_BY_ADDRESS = {
  'atelier@demo.retaille.fr': 'workshop',
  'createur@demo.retaille.fr': 'designer',
  'coordination@demo.retaille.fr': 'coordinator',
  'admin@demo.retaille.fr': 'admin',
} as const;

/**
 * A strip above every page for a demo account: what this account is for, and the other demo
 * accounts to try. Nothing for real accounts.
 */
export function DemoBanner() {
  const { t } = useTranslation();
  const me = useMe();
  if (!me.data?.isDemo) return null;
  const role = ROLE_BY_ADDRESS[me.data.email as keyof typeof ROLE_BY_ADDRESS];
  return (
    <section className={classes.banner} aria-label={t('app.demoBanner')} data-testid="demo-banner">
      <Text size="sm" fw={700} span>
        {t('app.demoBanner')}
      </Text>
      {role && (
        <Text size="xs" span>
          {t(`app.demoBannerRole_${role}`)}
        </Text>
      )}
      <Text size="xs" span>
        {t('app.demoBannerOthers')}
      </Text>
    </section>
  );
}
