import { Badge, Card, Group, Stack, Text, Title } from '@mantine/core';
import type { LotListItem } from '@retaille/api/client';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  formatDimensions,
  formatDistance,
  formatPrice,
  formatQuantity,
  materialLabel,
} from '../../components/catalogue/format.ts';
import { currentLocale } from '../../i18n/i18n.ts';
import classes from './lots.module.css';

/** One search result: thumbnail, title, material, quantity, dimensions, price, distance and site. */
export function LotCard({
  lot,
  href,
  back,
  headingOrder = 3,
  eagerPhoto = false,
}: {
  lot: LotListItem;
  /** Loads the photo at once (the first cards, on screen when the page opens), not lazily. */
  eagerPhoto?: boolean;
  /** The card title's level: 2 right under the page's h1 (the browse list), 3 under a section. */
  headingOrder?: 2 | 3;
  href: string;
  /** Where the lot page's "back" link returns: the browse page with its filters. */
  back?: string;
}) {
  const { t } = useTranslation('catalogue');
  const locale = currentLocale();
  const photo = lot.cover;
  const dims = formatDimensions(lot.dimensions, locale, t);
  return (
    <Card withBorder padding={0} className={classes.card} component="article" data-testid="lot-card">
      <div className={classes.cardRow}>
        <div className={classes.thumb}>
          {photo ? (
            <img
              src={photo.thumbUrl}
              alt=""
              loading={eagerPhoto ? 'eager' : 'lazy'}
              width={112}
              height={112}
            />
          ) : (
            <span className={classes.noPhoto} aria-hidden>
              {materialLabel(lot.materialKey, locale).slice(0, 1)}
            </span>
          )}
        </div>
        <Stack gap={2} className={classes.cardBody}>
          <Group gap={6} wrap="nowrap" justify="space-between" align="flex-start">
            <Title order={headingOrder} size="h5" className={classes.cardTitle}>
              <Link to={href} state={back ? { back } : undefined} className={classes.cardLink}>
                {lot.title}
              </Link>
            </Title>
            {lot.isDemo && (
              <Badge color="wood" variant="light" size="xs" className={classes.demo}>
                {t('common.demo')}
              </Badge>
            )}
          </Group>
          <Text size="sm" c="dimmed" lineClamp={1}>
            {materialLabel(lot.materialKey, locale)} · {t(`condition.${lot.condition}`)}
          </Text>
          <Text size="sm">
            <strong>{formatQuantity(lot.available, lot.unit, locale)}</strong>
            {dims && <span className={classes.dims}> · {dims}</span>}
          </Text>
          <Group gap="xs" justify="space-between" wrap="wrap" mt={2}>
            <Text
              size="sm"
              fw={700}
              c={lot.priceCents === null ? 'forest.8' : 'dark'}
              data-testid="lot-price"
            >
              {formatPrice(lot.priceCents, lot.unit, locale, t)}
            </Text>
            {lot.paymentPending && (
              <Badge color="wood" variant="light" size="sm">
                {t('payment.pendingBadge')}
              </Badge>
            )}
            {lot.distanceKm !== null && (
              <Text size="sm" fw={600} c="wood.9" data-testid="lot-distance">
                {formatDistance(lot.distanceKm, locale, t)}
              </Text>
            )}
          </Group>
          <Text size="xs" c="dimmed" lineClamp={1}>
            {lot.siteName} · {lot.siteCommuneName}
          </Text>
        </Stack>
      </div>
    </Card>
  );
}
