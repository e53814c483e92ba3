import {
  Badge,
  Button,
  Container,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  ThemeIcon,
  Title,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LotCard } from '../features/lots/LotCard.tsx';
import { useTRPC } from '../lib/trpc.ts';
import classes from './home.module.css';

const pillars = [
  { key: 'list', icon: '⬆' },
  { key: 'near', icon: '◎' },
  { key: 'impact', icon: '♻' },
] as const;

export function HomePage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const sites = useQuery(trpc.sites.list.queryOptions({ page: 1, pageSize: 1 }));
  const latest = useQuery(trpc.lots.search.queryOptions({ sort: 'newest', limit: 6 }));

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
            <Group>
              <Button component={Link} to="/sites" size="md" color="wood">
                {t('home.browseSites')}
              </Button>
              <Button component={Link} to="/sites/new" size="md" variant="white" color="forest">
                {t('home.addSite')}
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
        {/* Placeholders hold the section's place while it loads, so the pillars below do not jump (CLS). */}
        {(latest.isPending || (latest.data && latest.data.items.length > 0)) && (
          <section aria-labelledby="latest-lots" aria-busy={latest.isPending}>
            <Group justify="space-between" mb="sm">
              <Title order={2} size="h3" id="latest-lots">
                {t('home.latestLots')}
              </Title>
              <Button component={Link} to="/lots" variant="subtle">
                {t('home.seeAllLots')}
              </Button>
            </Group>
            <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="md">
              {latest.data
                ? latest.data.items.map((lot) => <LotCard key={lot.id} lot={lot} href={`/lots/${lot.id}`} />)
                : [0, 1, 2].map((i) => <div key={i} className={classes.cardPlaceholder} />)}
            </SimpleGrid>
          </section>
        )}
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
          {pillars.map((p) => (
            <Paper key={p.key} withBorder p="lg">
              <Stack gap="xs">
                <ThemeIcon size="lg" radius="xl" variant="light" aria-hidden>
                  {p.icon}
                </ThemeIcon>
                <Title order={2} size="h4">
                  {t(`home.pillars.${p.key}Title`)}
                </Title>
                <Text size="sm" c="dimmed">
                  {t(`home.pillars.${p.key}Text`)}
                </Text>
              </Stack>
            </Paper>
          ))}
        </SimpleGrid>
      </Stack>
    </Container>
  );
}
