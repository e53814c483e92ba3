import { Badge, Box } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { NavLink as RouterNavLink } from 'react-router';
import { useNotificationsSummary } from '../../lib/notifications.ts';
import { useMe } from '../../lib/session.ts';

/** "Mes échanges" in the header, for signed-in users only (styled by the layout). */
export function TradesHeaderLink({ className }: { className?: string }) {
  const { t } = useTranslation('trades');
  const me = useMe();
  const summary = useNotificationsSummary(Boolean(me.data));
  const waiting = summary.data?.tradesWaitingOnMe ?? 0;
  if (!me.data) return null;
  return (
    <RouterNavLink
      to="/echanges"
      className={className}
      data-testid="nav-trades"
      data-waiting={summary.data ? waiting : undefined}
      aria-label={waiting > 0 ? t('nav.waiting', { count: waiting }) : t('nav.trades')}
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
      <WaitingBadge count={waiting} />
    </RouterNavLink>
  );
}

/** How many trades wait for the user's action (hidden at 0; the link's label says it in words). */
export function WaitingBadge({ count }: { count: number }) {
  if (count === 0) return null;
  return (
    <Badge color="wood" size="sm" circle={count < 10} aria-hidden data-testid="trades-waiting-badge">
      {count > 99 ? '99+' : count}
    </Badge>
  );
}
