import { Button, Menu } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMe } from '../lib/session.ts';

/**
 * « Plus »: the header's secondary entries (my trades, post a lot, add a site) between the
 * `md` and `xl` breakpoints, where they do not fit beside the main links, the bell, the account
 * menu and the language button (they used to push the language button out of the header).
 */
export function HeaderMoreMenu({ className }: { className?: string }) {
  const { t } = useTranslation();
  const me = useMe();
  return (
    <Menu position="bottom-end" width={220} shadow="md" withinPortal>
      <Menu.Target>
        <Button variant="subtle" color="white" size="sm" className={className} data-testid="nav-more">
          {t('nav.more')} <span aria-hidden>▾</span>
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        {me.data && (
          <Menu.Item component={Link} to="/echanges">
            {t('trades:nav.trades')}
          </Menu.Item>
        )}
        <Menu.Item component={Link} to="/lots/nouveau">
          {t('catalogue:nav.newLot')}
        </Menu.Item>
        <Menu.Item component={Link} to="/sites/new">
          {t('nav.newSite')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
