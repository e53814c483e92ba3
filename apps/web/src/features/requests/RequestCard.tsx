import { Anchor, Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import type { requestSchema } from '@retaille/api/client';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { z } from 'zod';
import { ConfirmButton } from '../../components/ConfirmButton.tsx';
import {
  formatDay,
  formatDistance,
  formatMoney,
  formatNum,
  formatQuantityRange,
  materialLabel,
} from '../../components/catalogue/format.ts';
import { currentLocale } from '../../i18n/i18n.ts';
import { mmToCm } from '../../lib/units.ts';

export type RequestView = z.infer<typeof requestSchema>;

const statusColor: Record<RequestView['status'], string> = {
  open: 'forest',
  closed: 'gray',
  fulfilled: 'wood',
  expired: 'gray',
};

/** Browse lots matching a request: its first material (with substitutes), around its point. */
export function lotsSearchHref(r: RequestView): string {
  const p = new URLSearchParams();
  if (r.materialKeys[0]) p.set('matiere', r.materialKeys[0]);
  if (r.acceptSubstitutes) p.set('substituts', '1');
  p.set('autour', 'point');
  p.set('lat', r.lat.toFixed(4));
  p.set('lon', r.lon.toFixed(4));
  p.set('rayon', String(Math.min(200, Math.max(5, Math.round(r.maxDistanceKm / 5) * 5))));
  if (r.minLengthMm) p.set('longueur', String(mmToCm(r.minLengthMm)));
  if (r.minWidthMm) p.set('largeur', String(mmToCm(r.minWidthMm)));
  if (r.minThicknessMm) p.set('epaisseur', String(r.minThicknessMm));
  return `/lots?${p}`;
}

export function RequestCard({
  request: r,
  onClose,
  closing,
  mine = false,
}: {
  request: RequestView;
  onClose?: (status: 'closed' | 'fulfilled') => Promise<unknown>;
  closing?: boolean;
  /** Shown in "my requests": no "yours" badge. */
  mine?: boolean;
}) {
  const { t } = useTranslation('catalogue');
  const locale = currentLocale();
  const cm = (mm: number) => `${formatNum(mmToCm(mm), locale, 1)}\u202fcm`;
  const dims = [
    r.minLengthMm !== null ? t('requests.minLength', { v: cm(r.minLengthMm) }) : null,
    r.minWidthMm !== null ? t('requests.minWidth', { v: cm(r.minWidthMm) }) : null,
    r.minThicknessMm !== null
      ? t('requests.minThickness', { v: `${formatNum(r.minThicknessMm, locale, 1)}\u202fmm` })
      : null,
  ]
    .filter(Boolean)
    .join(' · ');
  return (
    <Card withBorder padding="md" component="article" bg="white" data-testid="request-card">
      <Stack gap={6}>
        <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
          <Title order={3} size="h5">
            {r.title}
          </Title>
          <Group gap={4} wrap="nowrap" style={{ flex: 'none' }}>
            {r.isMine && !mine && (
              <Badge size="sm" variant="outline" color="forest">
                {t('requests.yours')}
              </Badge>
            )}
            <Badge size="sm" variant="light" color={statusColor[r.status]}>
              {t(`requestStatus.${r.status}`)}
            </Badge>
          </Group>
        </Group>
        <Group gap={6}>
          {r.materialKeys.map((k) => (
            <Badge key={k} variant="light" color="forest" size="md" tt="none" fw={600}>
              {materialLabel(k, locale)}
            </Badge>
          ))}
          {r.acceptSubstitutes && (
            <Text span size="xs" c="dimmed">
              {t('requests.substitutesOk')}
            </Text>
          )}
        </Group>
        <Text size="sm">
          <strong>{formatQuantityRange(r.quantityMin, r.quantityMax, r.unit, locale, t)}</strong>
          {dims && ` · ${dims}`}
        </Text>
        <Text size="sm" c="dimmed">
          {[
            t('requests.within', { km: formatNum(r.maxDistanceKm, locale, 0) }),
            r.neededBy ? t('requests.neededBy', { date: formatDay(r.neededBy, locale) }) : null,
            r.budgetCents !== null
              ? t('requests.budget', { amount: formatMoney(r.budgetCents, locale) })
              : null,
          ]
            .filter(Boolean)
            .join(' · ')}
        </Text>
        {r.distanceKm !== null && (
          <Text size="sm" fw={600} c="wood.9">
            {formatDistance(r.distanceKm, locale, t)}
          </Text>
        )}
        {r.description && (
          <Text size="sm" lineClamp={3} c="gray.8">
            {r.description}
          </Text>
        )}
        <Group gap="xs" mt={4}>
          <Anchor component={Link} to={lotsSearchHref(r)} size="sm" fw={600}>
            {t('requests.findLots')} →
          </Anchor>
          {mine && (
            <Anchor component={Link} to={`/demandes/${r.id}/propositions`} size="sm" fw={600}>
              {t('matching:proposals.title')} →
            </Anchor>
          )}
          {onClose && r.status === 'open' && (
            <Group gap="xs" ml="auto">
              <Button
                size="xs"
                variant="light"
                color="wood"
                loading={closing}
                onClick={() => void onClose('fulfilled')}
              >
                {t('requests.markFulfilled')}
              </Button>
              <ConfirmButton
                size="xs"
                variant="default"
                label={t('requests.close')}
                title={t('requests.closeTitle')}
                text={t('requests.closeText')}
                onConfirm={() => onClose('closed')}
                loading={closing}
              />
            </Group>
          )}
        </Group>
      </Stack>
    </Card>
  );
}
