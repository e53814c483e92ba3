import {
  Alert,
  Anchor,
  Button,
  Group,
  NumberInput,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import type { PooledTourInputValue } from '@retaille/api/client';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { RequireAuth } from '../../components/RequireAuth.tsx';
import { currentLocale } from '../../i18n/i18n.ts';
import { fieldErrorsOf, messageOf } from '../../lib/errors.ts';
import { formatDate, formatNumber } from '../../lib/format.ts';
import { isCoordinator, useMe } from '../../lib/session.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { PooledTourResult } from './PooledTourResult.tsx';
import { TourScheduleFields, useTourSchedule } from './TourScheduleFields.tsx';
import classes from './tours.module.css';

const tomorrow = () =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date(Date.now() + 86_400_000));

/** « Tournées partagées »: the tours the user coordinates or has a stop in; coordinators plan and propose new ones. */
export function PooledToursPage() {
  return <RequireAuth>{() => <PooledTours />}</RequireAuth>;
}

function PooledTours() {
  const { t } = useTranslation('tours');
  const locale = currentLocale();
  const trpc = useTRPC();
  const me = useMe();
  const list = useQuery(trpc.pooledTours.list.queryOptions());
  return (
    <Stack gap="md" p="md" maw={960} mx="auto">
      <Title order={1}>{t('pooled.title')}</Title>
      <Text className={classes.noPrint}>{t('pooled.intro')}</Text>
      {(list.data ?? []).length > 0 ? (
        <Table.ScrollContainer minWidth={420}>
          <Table striped data-testid="pooled-list">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('pooled.day')}</Table.Th>
                <Table.Th>{t('pooled.territory')}</Table.Th>
                <Table.Th>{t('pooled.km')}</Table.Th>
                <Table.Th>{t('pooled.status')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(list.data ?? []).map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/tournees/${r.id}`}>
                      {formatDate(r.day, locale)}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{r.territory.code}</Table.Td>
                  <Table.Td>{formatNumber(r.km, locale)}</Table.Td>
                  <Table.Td>{t(`pooled.statuses.${r.status}`)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : (
        <Text c="dimmed">{t('pooled.none')}</Text>
      )}
      {isCoordinator(me.data ?? null) ? <PooledPlanner /> : null}
    </Stack>
  );
}

function PooledPlanner() {
  const { t } = useTranslation('tours');
  const locale = currentLocale();
  const trpc = useTRPC();
  const navigate = useNavigate();
  const [departement, setDepartement] = useState('');
  const [day, setDay] = useState(tomorrow);
  const [depot, setDepot] = useState<string | null>(null);
  const schedule = useTourSchedule();
  const [count, setCount] = useState<number | string>(3);
  const [input, setInput] = useState<PooledTourInputValue | null>(null);
  const code = departement.trim().toUpperCase();
  const sites = useQuery({
    ...trpc.sites.list.queryOptions({ departementCode: code, pageSize: 100 }),
    enabled: /^(\d{2}|2[AB]|97\d)$/.test(code),
  });
  const plan = useQuery({
    ...trpc.pooledTours.plan.queryOptions(input as PooledTourInputValue),
    enabled: input !== null,
    retry: false,
  });
  const propose = useMutation(trpc.pooledTours.propose.mutationOptions());
  const fields = fieldErrorsOf(plan.error ?? propose.error, locale);
  const error = plan.error ?? propose.error;

  return (
    <Stack gap="md" className={classes.noPrint}>
      <Title order={2}>{t('pooled.plannerTitle')}</Title>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          propose.reset();
          setInput({
            territory: { kind: 'departement', code },
            day,
            depotSiteId: depot ?? '',
            departMin: schedule.departMin,
            returnByMin: schedule.returnByMin,
            vehicle: {
              vehicleKey: schedule.vehicleKey,
              capacityKg: schedule.capacityKg,
              count: Number(count),
            },
          });
        }}
      >
        <Stack gap="sm">
          <Group grow>
            <TextInput
              label={t('pooled.departement')}
              value={departement}
              onChange={(e) => setDepartement(e.currentTarget.value)}
              maxLength={3}
              error={fields['territory.code'] ?? fields.territory}
            />
            <TextInput
              type="date"
              label={t('form.day')}
              value={day}
              onChange={(e) => setDay(e.currentTarget.value)}
              error={fields.day}
            />
          </Group>
          <Select
            label={t('pooled.depot')}
            data={(sites.data?.items ?? []).map((s) => ({
              value: s.id,
              label: `${s.name} — ${s.communeName}`,
            }))}
            value={depot}
            onChange={setDepot}
            error={fields.depotSiteId}
            searchable
          />
          <TourScheduleFields {...schedule.fieldProps} fields={fields}>
            <NumberInput
              label={t('pooled.count')}
              value={count}
              onChange={setCount}
              min={1}
              max={50}
              error={fields['vehicle.count']}
            />
          </TourScheduleFields>
          <Group>
            <Button type="submit" loading={plan.isFetching} disabled={!depot}>
              {t('pooled.plan')}
            </Button>
          </Group>
        </Stack>
      </form>
      {error && Object.keys(fields).length === 0 ? (
        <Alert color="red">{messageOf(error, locale, t('result.infeasible'))}</Alert>
      ) : null}
      {plan.data ? (
        <>
          <PooledTourResult plan={plan.data} />
          <Group>
            <Button
              loading={propose.isPending}
              disabled={plan.data.vehicles.length === 0}
              onClick={() =>
                input &&
                propose.mutate(input, { onSuccess: (tour) => tour.id && navigate(`/tournees/${tour.id}`) })
              }
            >
              {t('pooled.propose')}
            </Button>
          </Group>
        </>
      ) : null}
    </Stack>
  );
}
