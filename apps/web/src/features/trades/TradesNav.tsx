import { Box, NavLink } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, NavLink as RouterNavLink, useLocation } from 'react-router';
import { useMe } from '../../lib/session.ts';

/** "Mes échanges" in the header, for signed-in users only (styled by the layout). */
export function TradesHeaderLink({ className }: { className?: string }) {
  const { t } = useTranslation('trades');
  const me = useMe();
  if (!me.data) return null;
  return (
    <RouterNavLink
      to="/echanges"
      className={className}
      data-testid="nav-trades"
      aria-label={t('nav.trades')}
      style={{ whiteSpace: 'nowrap', display: 'inline-flex', alignItems: 'center', gap: 6 }}
    >
      {/* Two arrows: material going one way, the trade the other. Words on wide screens only. */}
      <svg
        aria-hidden
        width="18"
        height="18"
        viewBox="0 0 24 24"
        fill="none"
        stroke="currentColor"
        strokeWidth="2"
        strokeLinecap="round"
        strokeLinejoin="round"
      >
        <path d="M4 8h14l-4-4M20 16H6l4 4" />
      </svg>
      <Box component="span" visibleFrom="xl">
        {t('nav.trades')}
      </Box>
    </RouterNavLink>
  );
}

/** The same entry in the phone menu. */
export function TradesNavLink({ onNavigate }: { onNavigate: () => void }) {
  const { t } = useTranslation('trades');
  const me = useMe();
  const location = useLocation();
  if (!me.data) return null;
  return (
    <NavLink
      component={Link}
      to="/echanges"
      label={t('nav.trades')}
      active={location.pathname.startsWith('/echanges')}
      onClick={onNavigate}
    />
  );
}
