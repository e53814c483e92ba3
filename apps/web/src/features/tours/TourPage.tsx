import {
  Alert,
  Button,
  Checkbox,
  Container,
  Group,
  Radio,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import type { PickupTourInputValue, PickupTourPlanOutput } from '@retaille/api/client';
import { useMutation, useQuery } from '@tanstack/react-query';
import { lazy, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MapFrame } from '../../components/map/MapFrame.tsx';
import { RequireAuth } from '../../components/RequireAuth.tsx';
import { currentLocale } from '../../i18n/i18n.ts';
import { fieldErrorsOf, messageOf } from '../../lib/errors.ts';
import { formatNumber } from '../../lib/format.ts';
import { useMe } from '../../lib/session.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { download } from './download.ts';
import { TourScheduleFields, useTourSchedule } from './TourScheduleFields.tsx';
import { clockOf, type TourOk, tourGeoJson, tourGpx } from './tour-export.ts';
import classes from './tours.module.css';

// MapLibre stays out of the page's chunk: it loads only with the map.
const TourMap = lazy(() => import('./TourMap.tsx'));

const parisDay = (iso: string) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date(iso));

/** « Tournée de retraits »: a buyer's agreed pickups of one day in one tour, on the map and as a table. */
export function TourPage() {
  return <RequireAuth>{() => <TourPlanner />}</RequireAuth>;
}

function TourPlanner() {
  const { t } = useTranslation('tours');
  const locale = currentLocale();
  const trpc = useTRPC();
  const me = useMe();
  const trades = useQuery(trpc.trades.listMine.queryOptions({ role: 'buyer', status: 'all', limit: 100 }));
  const scheduled = useMemo(
    () => (trades.data?.items ?? []).filter((x) => x.state === 'pickup_scheduled' && x.pickup?.agreed),
    [trades.data],
  );
  const days = [...new Set(scheduled.map((x) => parisDay(x.pickup!.start)))].sort();
  const [day, setDay] = useState<string | null>(null);
  const chosenDay = day ?? days[0] ?? '';
  const ofDay = scheduled.filter((x) => parisDay(x.pickup!.start) === chosenDay);
  const [excluded, setExcluded] = useState<Set<string>>(new Set());
  const buyerSites = (me.data?.sites ?? []).filter((s) => ofDay.some((x) => x.buyer.siteId === s.siteId));
  // One of the buyer's sites (its id) or 'point'; the first site by default.
  const [startChoice, setStartChoice] = useState<string | null>(null);
  const startKind = startChoice ?? buyerSites[0]?.siteId ?? 'point';
  const [lat, setLat] = useState('');
  const [lon, setLon] = useState('');
  const schedule = useTourSchedule();
  const [input, setInput] = useState<PickupTourInputValue | null>(null);

  const build = (): PickupTourInputValue => ({
    tradeIds: ofDay.filter((x) => !excluded.has(x.id)).map((x) => x.id),
    start:
      startKind !== 'point'
        ? { kind: 'site', siteId: startKind }
        : { kind: 'point', lat: Number(lat.replace(',', '.')), lon: Number(lon.replace(',', '.')) },
    day: chosenDay,
    departMin: schedule.departMin,
    returnByMin: schedule.returnByMin,
    vehicle: { vehicleKey: schedule.vehicleKey, capacityKg: schedule.capacityKg },
  });
  const plan = useQuery({
    ...trpc.tours.plan.queryOptions(input as PickupTourInputValue),
    enabled: input !== null,
    retry: false,
  });
  const record = useMutation(trpc.tours.recordTrip.mutationOptions());
  const fields = fieldErrorsOf(plan.error ?? record.error, locale);

  return (
    <Container size="md" py="md">
      <Stack gap="md">
        <Title order={1}>{t('title')}</Title>
        <Text className={classes.noPrint}>{t('intro')}</Text>
        <form
          className={classes.noPrint}
          onSubmit={(e) => {
            e.preventDefault();
            record.reset();
            setInput(build());
          }}
        >
          <Stack gap="sm">
            <Select
              label={t('form.day')}
              data={days}
              value={chosenDay || null}
              onChange={setDay}
              error={fields.day}
              allowDeselect={false}
            />
            <fieldset className={classes.fieldset}>
              <legend>{t('form.trades')}</legend>
              {ofDay.length === 0 ? <Text size="sm">{t('form.noTrades')}</Text> : null}
              {ofDay.map((x, i) => (
                <Checkbox
                  key={x.id}
                  label={`${x.sellerSite.name} — ${x.lot.title}`}
                  checked={!excluded.has(x.id)}
                  error={fields[`tradeIds.${i}`]}
                  onChange={(e) => {
                    const next = new Set(excluded);
                    if (e.currentTarget.checked) next.delete(x.id);
                    else next.add(x.id);
                    setExcluded(next);
                  }}
                />
              ))}
              {fields.tradeIds ? (
                <Text c="red" size="sm">
                  {fields.tradeIds}
                </Text>
              ) : null}
            </fieldset>
            <Radio.Group
              label={t('form.start')}
              value={startKind}
              onChange={setStartChoice}
              error={fields['start.siteId']}
            >
              <Stack gap={4} mt={4}>
                {buyerSites.map((s) => (
                  <Radio key={s.siteId} value={s.siteId} label={t('form.startSite', { name: s.name })} />
                ))}
                <Radio value="point" label={t('form.startPoint')} />
              </Stack>
            </Radio.Group>
            {startKind === 'point' ? (
              <Group grow>
                <TextInput
                  label={t('form.lat')}
                  value={lat}
                  onChange={(e) => setLat(e.currentTarget.value)}
                  error={fields['start.point'] ?? fields['start.lat']}
                  inputMode="decimal"
                />
                <TextInput
                  label={t('form.lon')}
                  value={lon}
                  onChange={(e) => setLon(e.currentTarget.value)}
                  error={fields['start.lon']}
                  inputMode="decimal"
                />
              </Group>
            ) : null}
            <TourScheduleFields {...schedule.fieldProps} fields={fields} />
            <Group>
              <Button type="submit" loading={plan.isFetching} disabled={ofDay.length === 0}>
                {t('form.plan')}
              </Button>
            </Group>
          </Stack>
        </form>
        {plan.error && Object.keys(fields).length === 0 ? (
          <Alert color="red">{messageOf(plan.error, locale, t('result.infeasible'))}</Alert>
        ) : null}
        {plan.data ? (
          <TourResult
            plan={plan.data}
            names={new Map(ofDay.map((x) => [x.id, `${x.sellerSite.name} — ${x.lot.title}`]))}
            onRecord={() => input && record.mutate(input)}
            recording={record.isPending}
          />
        ) : null}
        {record.data ? (
          <Alert color="green" role="status">
            {t('result.recorded', {
              km: formatNumber(record.data.km, locale),
              count: record.data.tradeIds.length,
            })}
          </Alert>
        ) : null}
        {record.error ? (
          <Alert color="red">{messageOf(record.error, locale, t('result.infeasible'))}</Alert>
        ) : null}
      </Stack>
    </Container>
  );
}

function TourResult({
  plan,
  names,
  onRecord,
  recording,
}: {
  plan: PickupTourPlanOutput;
  /** Each trade's stop, to name it in the reasons. */
  names: Map<string, string>;
  onRecord: () => void;
  recording: boolean;
}) {
  const { t } = useTranslation('tours');
  const locale = currentLocale();
  if (plan.status === 'infeasible') {
    return (
      <Alert color="orange" title={t('result.infeasible')} data-testid="tour-infeasible">
        <ul>
          {plan.reasons.map((r) => (
            <li key={r.tradeId}>
              {names.get(r.tradeId) ?? ''} — {t(`result.reasons.${r.reason}`, { defaultValue: r.reason })}
              {r.slot &&
                ` — ${t('result.slot', { from: clockOf(r.slot.fromMin), to: clockOf(r.slot.toMin) })}`}
              {r.openingHours &&
                ` — ${t('result.opening', { from: clockOf(r.openingHours.fromMin), to: clockOf(r.openingHours.toMin) })}`}
            </li>
          ))}
        </ul>
      </Alert>
    );
  }
  const ok: TourOk = plan;
  const n = (v: number) => formatNumber(v, locale);
  return (
    <section aria-labelledby="tour-heading" data-testid="tour-result">
      <Title order={2} id="tour-heading">
        {t('result.heading')} — {plan.day}
      </Title>
      <Text size="sm">{t(`result.method_${plan.method}`)}</Text>
      <Text>{t('result.times', { start: clockOf(plan.startMin), end: clockOf(plan.endMin) })}</Text>
      <Text data-testid="tour-km">{t('result.km', { km: n(plan.km), separate: n(plan.separateKm) })}</Text>
      <Text>{t('result.co2', { co2: n(plan.co2eKg), separate: n(plan.separateCo2eKg) })}</Text>
      <Text>{t('result.load', { kg: n(plan.loadKg) })}</Text>
      <MapFrame
        className={classes.mapBox}
        testId="tour-map"
        texts={{
          unavailable: t('result.mapUnavailable'),
          unavailableText: t('result.mapUnavailableText'),
          loading: t('result.mapLoading'),
        }}
      >
        {(onFail) => (
          <TourMap
            plan={ok}
            label={t('result.mapLabel', { day: plan.day })}
            attribution={t('result.mapAttribution')}
            className={classes.mapCanvas}
            onFail={onFail}
          />
        )}
      </MapFrame>
      <Table striped mt="md" data-testid="tour-table">
        <Table.Caption>{t('result.table')}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('result.order')}</Table.Th>
            <Table.Th scope="col">{t('result.site')}</Table.Th>
            <Table.Th scope="col">{t('result.lot')}</Table.Th>
            <Table.Th scope="col">{t('result.arrival')}</Table.Th>
            <Table.Th scope="col">{t('result.serviceStart')}</Table.Th>
            <Table.Th scope="col">{t('result.leg')}</Table.Th>
            <Table.Th scope="col">{t('result.loadKg')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {plan.stops.map((s, i) => (
            <Table.Tr key={s.tradeId}>
              <Table.Td>{i + 1}</Table.Td>
              <Table.Td>
                {s.siteName}, {s.communeName}
              </Table.Td>
              <Table.Td>{s.lotTitle}</Table.Td>
              <Table.Td>{clockOf(s.arrivalMin)}</Table.Td>
              <Table.Td>{clockOf(s.serviceStartMin)}</Table.Td>
              <Table.Td>{n(s.legKm)}</Table.Td>
              <Table.Td>{n(s.loadKg)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Group mt="md" className={classes.noPrint}>
        <Button variant="default" onClick={() => window.print()}>
          {t('result.print')}
        </Button>
        <Button
          variant="default"
          onClick={() => download(`tournee-${plan.day}.gpx`, 'application/gpx+xml', tourGpx(ok))}
        >
          {t('result.gpx')}
        </Button>
        <Button
          variant="default"
          onClick={() =>
            download(
              `tournee-${plan.day}.geojson`,
              'application/geo+json',
              JSON.stringify(tourGeoJson(ok), null, 2),
            )
          }
        >
          {t('result.geojson')}
        </Button>
        <Button onClick={onRecord} loading={recording}>
          {t('result.record')}
        </Button>
      </Group>
    </section>
  );
}
