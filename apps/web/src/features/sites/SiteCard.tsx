import { Badge, Card, Group, Stack, Text, Title } from '@mantine/core';
import type { Site } from '@retaille/api/client';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DemoBadge } from '../../components/DemoBadge.tsx';
import { currentLocale } from '../../i18n/i18n.ts';
import { sectorLabel } from '../../lib/labels.ts';
import classes from './sites.module.css';

export function SiteCard({ site }: { site: Site }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  return (
    <Card withBorder padding="lg" className={classes.card} component="article">
      <Stack gap={6} h="100%">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <Title order={3} size="h4" className={classes.cardTitle}>
            <Link to={`/sites/${site.id}`} className={classes.cardLink}>
              {site.name}
            </Link>
          </Title>
          {site.isDemo && <DemoBadge />}
        </Group>
        <Text size="sm" c="dimmed">
          {site.communeName} · {site.departementName} ({site.departementCode})
        </Text>
        {site.description && (
          <Text size="sm" lineClamp={3}>
            {site.description}
          </Text>
        )}
        <Group gap={6} mt="auto" pt="xs">
          {site.sectors.map((s) => (
            <Badge key={s} variant="light" color="forest" size="sm">
              {sectorLabel(s, locale)}
            </Badge>
          ))}
          <Badge variant="outline" color="gray" size="sm">
            {t(`territory.${site.territoryType}`)}
          </Badge>
          {!site.verified && (
            <Badge variant="dot" color="wood" size="sm">
              {t('sites.pending')}
            </Badge>
          )}
        </Group>
      </Stack>
    </Card>
  );
}
