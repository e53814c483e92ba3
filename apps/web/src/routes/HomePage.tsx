import {
  Anchor,
  Badge,
  Button,
  Container,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useDeferredValue } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LotCard } from '../features/lots/LotCard.tsx';
import { useTRPC } from '../lib/trpc.ts';
import classes from './home.module.css';

/** Who Retaille is for, in two sentences each, and where each of them goes next. */
const audiences = [
  { key: 'workshops', to: '/sites/new', link: 'home.addSite' },
  { key: 'designers', to: '/demandes/nouvelle', link: 'home.audiences.designersLink' },
  { key: 'coordinators', to: '/sites', link: 'home.browseSites' },
] as const;

/**
 * The landing page. Prerendered at build time (prerender.tsx) for an anonymous French visitor:
 * what depends on data keeps its place with a placeholder, so the live page draws over the same
 * layout (no shift).
 */
export function HomePage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const sites = useQuery(trpc.sites.list.queryOptions({ page: 1, pageSize: 1 }));
  const latest = useQuery(trpc.lots.search.queryOptions({ sort: 'newest', limit: 6 }));
  // Drawn in a background render that yields to the browser (the placeholders show meanwhile).
  const latestLots = useDeferredValue(latest.data?.items);

  return (
    <Container size="lg">
      <Stack gap="xl">
        <section className={classes.hero} aria-labelledby="home-title">
          <Stack gap="md" maw={720}>
            <Title order={1} id="home-title" className={classes.title}>
              {t('home.title')}
            </Title>
            <Text size="lg" className={classes.lead}>
              {t('home.lead')}
            </Text>
            {/* The three ways in: publish, find, see the impact. */}
            <Group gap="sm">
              <Button component={Link} to="/lots/nouveau" size="md" color="wood">
                {t('home.publishLot')}
              </Button>
              <Button component={Link} to="/lots" size="md" variant="white" color="forest">
                {t('home.findMaterial')}
              </Button>
              <Button component={Link} to="/impact" size="md" variant="outline" className={classes.ghost}>
                {t('home.seeImpact')}
              </Button>
            </Group>
            {/* The badge's place is kept while the count loads (no jump below it). */}
            {sites.data ? (
              <Badge variant="white" color="forest" size="lg" w="fit-content" data-testid="site-count">
                {t('home.statsSites', { count: sites.data.total })}
              </Badge>
            ) : (
              <div className={classes.badgePlaceholder} aria-hidden />
            )}
          </Stack>
        </section>
        <section aria-labelledby="home-audiences">
          <Title order={2} size="h3" id="home-audiences" mb="sm">
            {t('home.forWhom')}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
            {audiences.map((a) => (
              <Paper key={a.key} withBorder p="lg" data-testid={`audience-${a.key}`}>
                <Stack gap="xs" h="100%">
                  <Title order={3} size="h4">
                    {t(`home.audiences.${a.key}Title`)}
                  </Title>
                  <Text size="sm">{t(`home.audiences.${a.key}Text`)}</Text>
                  <Anchor component={Link} to={a.to} fw={600} mt="auto">
                    {t(a.link)}
                  </Anchor>
                </Stack>
              </Paper>
            ))}
          </SimpleGrid>
        </section>
        {/* Placeholders hold the section's place while it loads (CLS). */}
        {(latest.isPending || (latest.data && latest.data.items.length > 0)) && (
          <section aria-labelledby="latest-lots" aria-busy={!latestLots}>
            <Group justify="space-between" mb="sm">
              <Title order={2} size="h3" id="latest-lots">
                {t('home.latestLots')}
              </Title>
              <Button component={Link} to="/lots" variant="subtle">
                {t('home.seeAllLots')}
              </Button>
            </Group>
            <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="md">
              {latestLots
                ? latestLots.map((lot) => <LotCard key={lot.id} lot={lot} href={`/lots/${lot.id}`} />)
                : [0, 1, 2].map((i) => <div key={i} className={classes.cardPlaceholder} />)}
            </SimpleGrid>
          </section>
        )}
      </Stack>
    </Container>
  );
}
