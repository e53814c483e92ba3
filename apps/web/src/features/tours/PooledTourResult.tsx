import { Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import type { PooledTourOutput } from '@retaille/api/client';
import { lazy } from 'react';
import { useTranslation } from 'react-i18next';
import { MapFrame } from '../../components/map/MapFrame.tsx';
import { currentLocale } from '../../i18n/i18n.ts';
import { formatNumber } from '../../lib/format.ts';
import { download } from './download.ts';
import { vehicleAsTour } from './pooled-tour-view.ts';
import { clockOf, tourGeoJson, tourGpx } from './tour-export.ts';
import classes from './tours.module.css';

const TourMap = lazy(() => import('./TourMap.tsx'));

const responseColor = { pending: 'gray.7', accepted: 'green.8', declined: 'red.8' } as const;

type Stop = PooledTourOutput['vehicles'][number]['stops'][number];
/** The caller's own answer on a stop (the buttons show until they answered). */
const mine = (s: Stop) => (s.myRole === 'buyer' ? s.buyerResponse : s.sellerResponse);

/**
 * The pooled tours as planned or proposed: totals against the separate round trips, then each
 * vehicle on the map and as a table (with each party's answer), printable and exportable.
 */
export function PooledTourResult({
  plan,
  onRespond,
  busy,
}: {
  plan: PooledTourOutput;
  onRespond?: (tradeId: string, accept: boolean) => void;
  busy?: boolean;
}) {
  const { t } = useTranslation('tours');
  const locale = currentLocale();
  const n = (v: number) => formatNumber(v, locale);
  return (
    <Stack gap="md" data-testid="pooled-result">
      <Text>
        {t('pooled.totals', {
          count: plan.vehicles.length,
          km: n(plan.km),
          separateKm: n(plan.separateKm),
          co2e: n(plan.co2eKg),
          separateCo2e: n(plan.separateCo2eKg),
        })}
      </Text>
      {plan.unserved.length > 0 && (
        <Text c="orange.8" data-testid="pooled-unserved">
          {t('pooled.unserved', { count: plan.unserved.length })}{' '}
          {plan.unserved.map((u) => t(`result.reasons.${u.reason}`, { defaultValue: u.reason })).join(' ; ')}
        </Text>
      )}
      {plan.vehicles.map((v, i) => {
        const tour = vehicleAsTour(plan, i);
        return (
          <Stack key={v.stops[0]?.tradeId ?? i} gap="xs" className={classes.vehicle}>
            <Title order={2} size="h4">
              {t('pooled.vehicle', { n: i + 1, km: n(v.km), kg: n(v.loadKg), stops: v.stops.length })}
            </Title>
            <MapFrame
              className={classes.mapBox}
              testId={`pooled-map-${i + 1}`}
              texts={{
                unavailable: t('result.mapUnavailable'),
                unavailableText: t('result.mapUnavailableText'),
                loading: t('result.mapLoading'),
              }}
            >
              {(onFail) => (
                <TourMap
                  plan={tour}
                  label={t('pooled.mapLabel', { n: i + 1 })}
                  attribution={t('result.mapAttribution')}
                  className={classes.mapCanvas}
                  onFail={onFail}
                />
              )}
            </MapFrame>
            <Table.ScrollContainer minWidth={560}>
              <Table striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>#</Table.Th>
                    <Table.Th>{t('result.site')}</Table.Th>
                    <Table.Th>{t('result.lot')}</Table.Th>
                    <Table.Th>{t('result.serviceStart')}</Table.Th>
                    <Table.Th>{t('result.loadKg')}</Table.Th>
                    <Table.Th>{t('pooled.answers')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {v.stops.map((s, k) => (
                    <Table.Tr key={s.tradeId} data-testid="pooled-stop">
                      <Table.Td>{k + 1}</Table.Td>
                      <Table.Td>
                        {s.siteName}
                        <Text size="xs" c="dimmed">
                          {s.communeName}
                        </Text>
                      </Table.Td>
                      <Table.Td>{s.lotTitle}</Table.Td>
                      <Table.Td>{clockOf(s.serviceStartMin)}</Table.Td>
                      <Table.Td>{n(s.loadKg)}</Table.Td>
                      <Table.Td>
                        <Text size="xs" c={responseColor[s.buyerResponse]} fw={600}>
                          {t('pooled.buyer')} : {t(`pooled.response.${s.buyerResponse}`)}
                        </Text>
                        <Text size="xs" c={responseColor[s.sellerResponse]} fw={600}>
                          {t('pooled.seller')} : {t(`pooled.response.${s.sellerResponse}`)}
                        </Text>
                        {onRespond && s.myRole && plan.status === 'proposed' && mine(s) === 'pending' ? (
                          <Group gap="xs" mt={4} className={classes.noPrint}>
                            <Button size="xs" loading={busy} onClick={() => onRespond(s.tradeId, true)}>
                              {t('pooled.accept')}
                            </Button>
                            <Button
                              size="xs"
                              variant="default"
                              loading={busy}
                              onClick={() => onRespond(s.tradeId, false)}
                            >
                              {t('pooled.decline')}
                            </Button>
                          </Group>
                        ) : null}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            <Group className={classes.noPrint}>
              <Button
                variant="default"
                size="xs"
                onClick={() =>
                  download(`tournee-${plan.day}-${i + 1}.gpx`, 'application/gpx+xml', tourGpx(tour))
                }
              >
                {t('result.gpx')}
              </Button>
              <Button
                variant="default"
                size="xs"
                onClick={() =>
                  download(
                    `tournee-${plan.day}-${i + 1}.geojson`,
                    'application/geo+json',
                    JSON.stringify(tourGeoJson(tour), null, 2),
                  )
                }
              >
                {t('result.geojson')}
              </Button>
            </Group>
          </Stack>
        );
      })}
    </Stack>
  );
}
