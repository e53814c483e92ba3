import { NavLink, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useLocation } from 'react-router';
import { AccountNavLinks } from '../features/account/UserMenu.tsx';
import { TradesNavLink } from '../features/trades/TradesNavLink.tsx';
import { links } from './links.ts';

/** The burger's menu on phones and tablets: the main links, the secondary ones, the account. */
export function PhoneMenu({ onNavigate: close }: { onNavigate: () => void }) {
  const { t } = useTranslation();
  const location = useLocation();
  return (
    <Stack gap={4}>
      {links.map((l) => (
        <NavLink
          key={l.to}
          component={RouterLink}
          to={l.to}
          label={t(l.key)}
          active={l.end ? location.pathname === l.to : location.pathname.startsWith(l.to)}
          onClick={close}
        />
      ))}
      <NavLink component={RouterLink} to="/sites/new" label={t('nav.newSite')} onClick={close} />
      <NavLink component={RouterLink} to="/lots/nouveau" label={t('catalogue:nav.newLot')} onClick={close} />
      <TradesNavLink onNavigate={close} />
      <AccountNavLinks onNavigate={close} />
    </Stack>
  );
}
