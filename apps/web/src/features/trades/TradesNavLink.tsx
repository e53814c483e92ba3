import { NavLink } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { useNotificationsSummary } from '../../lib/notifications.ts';
import { useMe } from '../../lib/session.ts';
import { WaitingBadge } from './TradesNav.tsx';

// Apart from TradesNav.tsx: Mantine's NavLink (and its Collapse) stays out of the first bundle,
// loaded with the phone menu.
/** The same entry in the phone menu. */
export function TradesNavLink({ onNavigate }: { onNavigate: () => void }) {
  const { t } = useTranslation('trades');
  const me = useMe();
  const location = useLocation();
  const waiting = useNotificationsSummary(Boolean(me.data)).data?.tradesWaitingOnMe ?? 0;
  if (!me.data) return null;
  return (
    <NavLink
      component={Link}
      to="/echanges"
      label={t('nav.trades')}
      rightSection={<WaitingBadge count={waiting} />}
      active={location.pathname.startsWith('/echanges')}
      onClick={onNavigate}
    />
  );
}
