import { Anchor, AppShell, Box, Burger, Button, Container, Group, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, Link as RouterLink, NavLink as RouterNavLink, ScrollRestoration } from 'react-router';
import { ClientOnly } from '../components/ClientOnly.tsx';
import { DemoBanner } from '../components/DemoBanner.tsx';
import { LanguageSwitch } from '../components/LanguageSwitch.tsx';
import { SimulationBanner } from '../features/payments/SimulationBanner.tsx';
import { TradesHeaderLink } from '../features/trades/TradesNav.tsx';
import classes from './Layout.module.css';
import { links } from './links.ts';

// Menus built on Mantine's Menu (floating-ui) and the phone menu stay out of the first bundle.
const UserMenu = lazy(() =>
  import('../features/account/UserMenu.tsx').then((m) => ({ default: m.UserMenu })),
);
const HeaderMoreMenu = lazy(() =>
  import('./HeaderMoreMenu.tsx').then((m) => ({ default: m.HeaderMoreMenu })),
);
// Signed-in visitors only: its code (and the unread count's polling) is fetched once the page is up.
const NotificationsBell = lazy(() =>
  import('../features/matching/HeaderLinks.tsx').then((m) => ({ default: m.NotificationsBell })),
);
const PhoneMenu = lazy(() => import('./PhoneMenu.tsx').then((m) => ({ default: m.PhoneMenu })));

export function Layout() {
  const { t } = useTranslation();
  const [opened, { toggle, close }] = useDisclosure(false);

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
                  <ClientOnly>
                    <Suspense fallback={null}>
                      <HeaderMoreMenu className={classes.link} />
                    </Suspense>
                  </ClientOnly>
                </Box>
              </Group>
              <ClientOnly>
                <Suspense fallback={null}>
                  <NotificationsBell />
                </Suspense>
              </ClientOnly>
              <Box visibleFrom="md">
                <ClientOnly>
                  <Suspense fallback={null}>
                    <UserMenu />
                  </Suspense>
                </ClientOnly>
              </Box>
              <LanguageSwitch />
            </Group>
          </Group>
        </Container>
      </AppShell.Header>
      <AppShell.Navbar p="md" aria-label="Navigation">
        {/* The phone menu's code is fetched when it is first opened. */}
        {opened && (
          <Suspense fallback={null}>
            <PhoneMenu onNavigate={close} />
          </Suspense>
        )}
      </AppShell.Navbar>
      <AppShell.Main>
        <SimulationBanner />
        <DemoBanner />
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
