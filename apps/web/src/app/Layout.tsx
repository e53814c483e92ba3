import {
  Anchor,
  AppShell,
  Box,
  Burger,
  Button,
  Container,
  Group,
  NavLink,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import {
  Outlet,
  Link as RouterLink,
  NavLink as RouterNavLink,
  ScrollRestoration,
  useLocation,
} from 'react-router';
import { LanguageSwitch } from '../components/LanguageSwitch.tsx';
import { AccountNavLinks, UserMenu } from '../features/account/UserMenu.tsx';
import { NotificationsBell } from '../features/matching/HeaderLinks.tsx';
import { SimulationBanner } from '../features/payments/SimulationBanner.tsx';
import { TradesHeaderLink, TradesNavLink } from '../features/trades/TradesNav.tsx';
import { HeaderMoreMenu } from './HeaderMoreMenu.tsx';
import classes from './Layout.module.css';

const links = [
  { to: '/', key: 'nav.home', end: true },
  { to: '/sites', key: 'nav.sites', end: false },
  { to: '/lots', key: 'catalogue:nav.lots', end: false },
  { to: '/demandes', key: 'catalogue:nav.requests', end: false },
] as const;

export function Layout() {
  const { t } = useTranslation();
  const [opened, { toggle, close }] = useDisclosure(false);
  const location = useLocation();

  return (
    <AppShell
      header={{ height: 64 }}
      navbar={{ width: 280, breakpoint: 'md', collapsed: { desktop: true, mobile: !opened } }}
      padding={0}
    >
      <ScrollRestoration />
      <a className={classes.skip} href="#main">
        {t('app.skipToContent')}
      </a>
      <AppShell.Header className={classes.header}>
        <Container size="lg" h="100%">
          <Group h="100%" justify="space-between" wrap="nowrap">
            <Group gap="xs" wrap="nowrap">
              <Burger
                opened={opened}
                onClick={toggle}
                hiddenFrom="md"
                size="sm"
                color="white"
                aria-label={t('app.openMenu')}
              />
              <Anchor
                component={RouterLink}
                to="/"
                underline="never"
                className={classes.brand}
                onClick={close}
              >
                <img src="/favicon.svg" alt="" width={32} height={32} />
                <span>{t('app.name')}</span>
              </Anchor>
            </Group>
            <Group gap="sm" wrap="nowrap">
              <Group gap="xs" visibleFrom="md" component="nav" aria-label="Navigation" wrap="nowrap">
                {links.map((l) => (
                  <RouterNavLink key={l.to} to={l.to} end={l.end} className={classes.link}>
                    {t(l.key)}
                  </RouterNavLink>
                ))}
                {/* From xl the secondary entries fit in the row; below, they go in « Plus ». */}
                <Box visibleFrom="xl">
                  <TradesHeaderLink className={classes.link} />
                </Box>
                <Button component={RouterLink} to="/lots/nouveau" color="wood" size="sm" visibleFrom="xl">
                  {t('catalogue:nav.newLot')}
                </Button>
                <Box hiddenFrom="xl">
                  <HeaderMoreMenu className={classes.link} />
                </Box>
              </Group>
              <NotificationsBell />
              <Box visibleFrom="md">
                <UserMenu />
              </Box>
              <LanguageSwitch />
            </Group>
          </Group>
        </Container>
      </AppShell.Header>
      <AppShell.Navbar p="md" aria-label="Navigation">
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
          <NavLink
            component={RouterLink}
            to="/lots/nouveau"
            label={t('catalogue:nav.newLot')}
            onClick={close}
          />
          <TradesNavLink onNavigate={close} />
          <AccountNavLinks onNavigate={close} />
        </Stack>
      </AppShell.Navbar>
      <AppShell.Main>
        <SimulationBanner />
        {/* AppShell.Main is the page's one <main>; this is only the skip link's target. */}
        <div id="main" tabIndex={-1} className={classes.main}>
          <Outlet />
        </div>
        <footer className={classes.footer}>
          <Container size="lg">
            <Title order={2} size="sm" c="dimmed" fw={500}>
              {t('app.tagline')}
            </Title>
            <Text size="xs" c="dimmed">
              {t('app.footer')}
            </Text>
          </Container>
        </footer>
      </AppShell.Main>
    </AppShell>
  );
}
