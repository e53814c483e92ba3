import { Alert, Button, Group, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { QueryError } from '../../components/QueryError.tsx';
import { RequireAuth } from '../../components/RequireAuth.tsx';
import { currentLocale } from '../../i18n/i18n.ts';
import { messageOf } from '../../lib/errors.ts';
import { formatDate, formatNumber } from '../../lib/format.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { PooledTourResult } from './PooledTourResult.tsx';
import classes from './tours.module.css';

/** One pooled tour: its parties accept or decline their stop; its coordinator records it once driven. */
export function PooledTourPage() {
  return <RequireAuth>{() => <PooledTour />}</RequireAuth>;
}

function PooledTour() {
  const { id = '' } = useParams();
  const { t } = useTranslation('tours');
  const locale = currentLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const tour = useQuery(trpc.pooledTours.get.queryOptions({ tourId: id }));
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.pooledTours.pathKey() });
  const respond = useMutation(trpc.pooledTours.respond.mutationOptions({ onSuccess: refresh }));
  const record = useMutation(trpc.pooledTours.record.mutationOptions({ onSuccess: refresh }));
  if (tour.error) return <QueryError error={tour.error} />;
  if (!tour.data) return null;
  const plan = tour.data;
  return (
    <Stack gap="md" p="md" maw={960} mx="auto">
      <Title order={1}>
        {t('pooled.tourTitle', { day: formatDate(plan.day, locale), code: plan.territory.code })}
      </Title>
      <Text>
        {t('pooled.depotLine', { name: plan.depot.name })} — {t(`pooled.statuses.${plan.status}`)}
      </Text>
      {respond.error || record.error ? (
        <Alert color="red">{messageOf(respond.error ?? record.error, locale, t('result.infeasible'))}</Alert>
      ) : null}
      {record.data ? (
        <Alert color="green" role="status">
          {t('pooled.recorded', {
            count: record.data.trips.length,
            km: formatNumber(
              record.data.trips.reduce((sum, x) => sum + x.km, 0),
              locale,
            ),
          })}
        </Alert>
      ) : null}
      <PooledTourResult
        plan={plan}
        busy={respond.isPending}
        onRespond={(tradeId, accept) => respond.mutate({ tourId: plan.id!, tradeId, accept })}
      />
      <Group className={classes.noPrint}>
        <Button variant="default" onClick={() => window.print()}>
          {t('result.print')}
        </Button>
        {plan.canRecord ? (
          <Button loading={record.isPending} onClick={() => record.mutate({ tourId: plan.id! })}>
            {t('pooled.record')}
          </Button>
        ) : null}
      </Group>
    </Stack>
  );
}
