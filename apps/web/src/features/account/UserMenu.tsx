import { Avatar, Button, Divider, Group, Menu, NavLink, Text, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import {
  isCoordinator,
  type SignedIn,
  signInPath,
  signUpPath,
  useDevOutboxAvailable,
  useMe,
  useSignOut,
} from '../../lib/session.ts';
import classes from './account.module.css';
import { useSetActiveSite } from './useActiveSite.ts';

const initials = (name: string) =>
  name
    .replace(/\(.*?\)/g, '')
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]?.toUpperCase())
    .join('') || '?';

/** Where to come back after signing in from the header: the current page, except the auth pages. */
function useReturnPath(): string | null {
  const location = useLocation();
  const authPages = [
    '/connexion',
    '/inscription',
    '/mot-de-passe-oublie',
    '/reinitialiser',
    '/verification-ok',
  ];
  if (authPages.includes(location.pathname) || location.pathname === '/') return null;
  return location.pathname + location.search;
}

/** The header's account corner on wide screens: sign-in buttons, or the user's menu. */
export function UserMenu() {
  const { t } = useTranslation();
  const me = useMe();
  const back = useReturnPath();
  if (me.isPending) return null;
  if (!me.data) {
    return (
      <Group gap="xs" wrap="nowrap">
        <Button
          component={Link}
          to={signInPath(back)}
          variant="subtle"
          color="white"
          size="sm"
          className={classes.headerButton}
        >
          {t('nav.signIn')}
        </Button>
        <Button component={Link} to={signUpPath(back)} variant="white" color="forest" size="sm">
          {t('nav.signUp')}
        </Button>
      </Group>
    );
  }
  return <SignedInMenu me={me.data} />;
}

function SignedInMenu({ me }: { me: SignedIn }) {
  const { t } = useTranslation();
  const signOut = useSignOut();
  const setActive = useSetActiveSite();
  const outbox = useDevOutboxAvailable();
  const active = me.sites.find((s) => s.siteId === me.activeSiteId);
  return (
    <Menu position="bottom-end" width={280} shadow="md" withinPortal>
      <Menu.Target>
        <UnstyledButton
          className={classes.userButton}
          title={t('nav.userMenu', { name: me.name })}
          data-testid="user-menu"
        >
          <Group gap={8} wrap="nowrap">
            <Avatar size={32} radius="xl" color="wood" variant="filled">
              {initials(me.name)}
            </Avatar>
            <div className={classes.userText}>
              <Text size="sm" fw={600} c="white" truncate>
                {me.name}
              </Text>
              {active && (
                <Text size="xs" c="white" truncate>
                  {active.name}
                </Text>
              )}
            </div>
            <span aria-hidden className={classes.chevron}>
              ▾
            </span>
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{me.email}</Menu.Label>
        <Menu.Item component={Link} to="/compte">
          {t('nav.account')}
        </Menu.Item>
        <Menu.Item component={Link} to="/mes-sites">
          {t('nav.mySites')}
        </Menu.Item>
        <Menu.Item component={Link} to="/recherches">
          {t('catalogue:savedSearch.nav')}
        </Menu.Item>
        {isCoordinator(me) && (
          <Menu.Item component={Link} to="/operations">
            {t('operations:title')}
          </Menu.Item>
        )}
        {isCoordinator(me) && (
          <Menu.Item component={Link} to="/coordination/verification">
            {t('nav.verificationQueue')}
          </Menu.Item>
        )}
        {isCoordinator(me) && (
          <Menu.Item component={Link} to="/coordination/allocation">
            {t('matching:nav.allocationLong')}
          </Menu.Item>
        )}
        {isCoordinator(me) && (
          <Menu.Item component={Link} to="/impact">
            {t('impact:nav.dashboard')}
          </Menu.Item>
        )}
        {outbox && (
          <Menu.Item component={Link} to="/dev/courriels">
            {t('nav.outbox')}
          </Menu.Item>
        )}
        {me.sites.length > 1 && (
          <>
            <Menu.Divider />
            <Menu.Label>{t('nav.switchSite')}</Menu.Label>
            {me.sites.map((s) => (
              <Menu.Item
                key={s.siteId}
                onClick={() => s.siteId !== me.activeSiteId && setActive.mutate({ siteId: s.siteId })}
                leftSection={<span aria-hidden>{s.siteId === me.activeSiteId ? '✓' : ''}</span>}
                aria-current={s.siteId === me.activeSiteId ? 'true' : undefined}
              >
                <Text size="sm" truncate maw={220}>
                  {s.name}
                </Text>
              </Menu.Item>
            ))}
          </>
        )}
        <Menu.Divider />
        <Menu.Item color="red" onClick={() => signOut.mutate(undefined)}>
          {t('nav.signOut')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

/** The same account entries in the phone menu (burger). */
export function AccountNavLinks({ onNavigate }: { onNavigate: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const back = useReturnPath();
  const location = useLocation();
  const signOut = useSignOut();
  const setActive = useSetActiveSite();
  const outbox = useDevOutboxAvailable();
  if (me.isPending) return null;
  const user = me.data;
  const item = (to: string, label: string) => (
    <NavLink
      key={to}
      component={Link}
      to={to}
      label={label}
      active={location.pathname === to}
      onClick={onNavigate}
    />
  );
  if (!user) {
    return (
      <>
        <Divider my="xs" label={t('nav.accountSection')} labelPosition="left" />
        <NavLink component={Link} to={signInPath(back)} label={t('nav.signIn')} onClick={onNavigate} />
        <NavLink component={Link} to={signUpPath(back)} label={t('nav.signUp')} onClick={onNavigate} />
      </>
    );
  }
  const active = user.sites.find((s) => s.siteId === user.activeSiteId);
  return (
    <>
      <Divider my="xs" label={user.name} labelPosition="left" />
      {item('/compte', t('nav.account'))}
      {item('/mes-sites', t('nav.mySites'))}
      {active && user.sites.length > 1 && (
        <NavLink label={t('nav.activeSiteIs', { name: active.name })} childrenOffset="md">
          {user.sites.map((s) => (
            <NavLink
              key={s.siteId}
              label={s.name}
              active={s.siteId === user.activeSiteId}
              aria-current={s.siteId === user.activeSiteId ? 'true' : undefined}
              onClick={() => {
                if (s.siteId !== user.activeSiteId) setActive.mutate({ siteId: s.siteId });
                onNavigate();
              }}
            />
          ))}
        </NavLink>
      )}
      {isCoordinator(user) && item('/operations', t('operations:title'))}
      {isCoordinator(user) && item('/coordination/verification', t('nav.verificationQueue'))}
      {isCoordinator(user) && item('/coordination/allocation', t('matching:nav.allocationLong'))}
      {isCoordinator(user) && item('/impact', t('impact:nav.dashboard'))}
      {outbox && item('/dev/courriels', t('nav.outbox'))}
      <NavLink
        component="button"
        label={t('nav.signOut')}
        c="red.8"
        onClick={() => {
          onNavigate();
          signOut.mutate(undefined);
        }}
      />
    </>
  );
}
