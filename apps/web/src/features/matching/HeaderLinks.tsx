/**
 * The header's notifications bell with the unread count (polled every minute), for signed-in
 * users. The coordinators' "Allocation du réseau" link lives in the account menu and the phone
 * menu: the header row is already full for a coordinator (it overflows below ~1050 px).
 */
import { ActionIcon, Indicator } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useNotificationsSummary } from '../../lib/notifications.ts';
import { useMe } from '../../lib/session.ts';
import classes from './matching.module.css';

export { NOTIFICATIONS_POLL_MS } from '../../lib/notifications.ts';

function BellIcon() {
  return (
    <svg width="22" height="22" viewBox="0 0 24 24" fill="none" aria-hidden="true">
      <path
        d="M6 8a6 6 0 1 1 12 0c0 7 3 9 3 9H3s3-2 3-9Zm4.3 13a1.94 1.94 0 0 0 3.4 0"
        stroke="currentColor"
        strokeWidth="2"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}

export function NotificationsBell() {
  const { t } = useTranslation('matching');
  const me = useMe();
  const signedIn = Boolean(me.data);
  const summary = useNotificationsSummary(signedIn);
  if (!signedIn) return null;
  const unread = summary.data?.unread ?? 0;
  const label = unread > 0 ? t('nav.notificationsCount', { count: unread }) : t('nav.notifications');
  return (
    <Indicator
      label={unread > 99 ? '99+' : unread}
      disabled={unread === 0}
      color="wood"
      size={18}
      offset={4}
      inline
    >
      <ActionIcon
        component={Link}
        to="/notifications"
        variant="subtle"
        color="white"
        size="lg"
        aria-label={label}
        title={label}
        className={classes.bell}
        data-testid="notifications-bell"
        data-unread={summary.data ? unread : undefined}
      >
        <BellIcon />
      </ActionIcon>
    </Indicator>
  );
}
