/** One allocation run followed live (progress, result or failure with a retry) and the recent runs. */
/**
 * /coordination/allocation: a coordinator runs (or joins) the network-wide allocation of a region
 * or of the whole network, follows its progress, and reads the optimum against the greedy
 * nearest-first baseline — totals, a plain-language explanation, the flows on a map and in a
 * sortable table — or the failure with a retry.
 */
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Center,
  Group,
  Loader,
  Progress,
  SegmentedControl,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { type AllocationRun, translate } from '@retaille/api/client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { QueryError } from '../../components/QueryError.tsx';
import { currentLocale } from '../../i18n/i18n.ts';
import { messageOf } from '../../lib/errors.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { FlowsTable } from './AllocationFlowsTable.tsx';
import { Explanation, Totals } from './AllocationSummary.tsx';
import { active, POLL_MS, statusColor, useScopeLabel } from './allocationParts.tsx';
import { FlowsMapPanel } from './FlowsMapPanel.tsx';
import { LeftOutPairs } from './LeftOutPairs.tsx';
import classes from './matching.module.css';

export function Result({ run }: { run: AllocationRun }) {
  const { t } = useTranslation('matching');
  const locale = currentLocale();
  const [which, setWhich] = useState<'optimal' | 'greedy'>('optimal');
  const summary = run.summary;
  if (!summary) return null;
  const flows = which === 'optimal' ? run.flows : run.baselineFlows;
  return (
    <Stack gap="lg" data-testid="allocation-result">
      <Text size="sm" c="dimmed">
        {t('allocation.inputs', {
          lots: new Intl.NumberFormat(locale).format(summary.lots),
          requests: new Intl.NumberFormat(locale).format(summary.requests),
          pairs: new Intl.NumberFormat(locale).format(summary.candidatePairs),
          ms: new Intl.NumberFormat(locale).format(summary.solveMs),
        })}
      </Text>
      <Totals summary={summary} />
      <Explanation summary={summary} />
      <LeftOutPairs run={run} />
      {run.flows.length === 0 && run.baselineFlows.length === 0 ? (
        <Alert color="gray">{t('allocation.noFlows')}</Alert>
      ) : (
        <>
          <Group justify="space-between" align="flex-end">
            <Title order={2} size="h3">
              {t('allocation.mapTitle')}
            </Title>
            <SegmentedControl
              aria-label={t('allocation.show')}
              value={which}
              onChange={(v) => setWhich(v as 'optimal' | 'greedy')}
              data={[
                { value: 'optimal', label: t('allocation.showOptimal') },
                { value: 'greedy', label: t('allocation.showGreedy') },
              ]}
            />
          </Group>
          <FlowsMapPanel flows={flows} />
          <Text size="xs" c="dimmed">
            <span className={classes.legendLot} aria-hidden="true" />
            <span className={classes.legendRequest} aria-hidden="true" />
            {t('allocation.mapLegend')}
          </Text>
          <Title order={2} size="h3">
            {t('allocation.tableTitle')}
          </Title>
          <FlowsTable flows={flows} />
        </>
      )}
    </Stack>
  );
}

export function RunView({ runId }: { runId: string }) {
  const { t } = useTranslation('matching');
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const locale = currentLocale();
  const scopeLabel = useScopeLabel();
  const run = useQuery({
    ...trpc.allocations.get.queryOptions({ runId }),
    staleTime: 0,
    refetchInterval: (q) => (q.state.data === undefined || active(q.state.data.status) ? POLL_MS : false),
  });
  const status = run.data?.status;
  // The recent runs list shows the status too: refresh it when this run settles.
  useEffect(() => {
    if (status === 'done' || status === 'failed')
      void queryClient.invalidateQueries({ queryKey: trpc.allocations.list.queryKey() });
  }, [status, queryClient, trpc]);
  const retry = useMutation(
    trpc.allocations.retry.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.allocations.get.queryKey({ runId }) }),
    }),
  );

  if (run.isPending)
    return (
      <Center py="lg">
        <Loader aria-label={t('common.loading')} />
      </Center>
    );
  if (run.isError) return <QueryError error={run.error} onRetry={() => void run.refetch()} />;
  const r = run.data;
  return (
    <Card withBorder padding="md" radius="md" bg="white" data-testid="allocation-run" data-status={r.status}>
      <Stack gap="md">
        <Group justify="space-between" gap="xs">
          <Title order={2} size="h3">
            {t('allocation.runOf', { date: formatDateTime(r.createdAt, locale), scope: scopeLabel(r.scope) })}
          </Title>
          <Badge color={statusColor[r.status]} variant="light" size="lg" tt="none">
            {t(`allocation.status.${r.status}`)}
          </Badge>
        </Group>
        {active(r.status) && (
          <Stack gap={4} role="status" aria-live="polite">
            <Progress
              value={r.progress}
              animated
              size="lg"
              aria-label={t('allocation.progressLabel')}
              data-testid="allocation-progress"
            />
            <Text size="sm">
              {t('allocation.progressText', {
                status: t(`allocation.status.${r.status}`),
                progress: r.progress,
              })}
            </Text>
          </Stack>
        )}
        {r.status === 'failed' && (
          <Alert color="red" title={t('allocation.failedTitle')} role="alert" data-testid="allocation-error">
            <Stack gap="xs" align="flex-start">
              <Text size="sm">{translate(r.error ?? 'allocation.failed', locale)}</Text>
              <Button
                color="red"
                variant="light"
                size="sm"
                onClick={() => retry.mutate({ runId })}
                loading={retry.isPending}
                data-testid="allocation-retry"
              >
                {t('allocation.retry')}
              </Button>
              {retry.isError && (
                <Text size="sm" c="red.8">
                  {messageOf(retry.error, locale, translate('allocation.failed', locale))}
                </Text>
              )}
            </Stack>
          </Alert>
        )}
        {r.status === 'done' && <Result run={r} />}
      </Stack>
    </Card>
  );
}

export function RecentRuns({ current }: { current: string | null }) {
  const { t } = useTranslation('matching');
  const trpc = useTRPC();
  const locale = currentLocale();
  const scopeLabel = useScopeLabel();
  const list = useQuery(trpc.allocations.list.queryOptions());
  return (
    <section aria-labelledby="recent-runs">
      <Stack gap="xs">
        <Title order={2} size="h3" id="recent-runs">
          {t('allocation.recentTitle')}
        </Title>
        {list.isPending ? (
          <Loader size="sm" aria-label={t('common.loading')} />
        ) : list.isError ? (
          <QueryError error={list.error} onRetry={() => void list.refetch()} />
        ) : list.data.length === 0 ? (
          <Text c="dimmed" size="sm">
            {t('allocation.recentEmpty')}
          </Text>
        ) : (
          <Stack component="ul" gap={6} p={0} m={0} data-testid="recent-runs">
            {list.data.map((r) => (
              <Group key={r.id} component="li" gap="xs" wrap="nowrap" style={{ listStyle: 'none' }}>
                <Badge color={statusColor[r.status]} variant="light" tt="none" style={{ flex: 'none' }}>
                  {t(`allocation.status.${r.status}`)}
                </Badge>
                {r.id === current ? (
                  <Text size="sm" fw={700} aria-current="true">
                    {formatDateTime(r.createdAt, locale)} — {scopeLabel(r.scope)} ({t('allocation.current')})
                  </Text>
                ) : (
                  <Anchor component={Link} to={`?run=${r.id}`} size="sm">
                    {formatDateTime(r.createdAt, locale)} — {scopeLabel(r.scope)}
                  </Anchor>
                )}
              </Group>
            ))}
          </Stack>
        )}
      </Stack>
    </section>
  );
}
