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
  Checkbox,
  Container,
  Group,
  Loader,
  NativeSelect,
  Paper,
  Progress,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { notifications as toast } from '@mantine/notifications';
import { type AllocationRun, translate } from '@retaille/api/client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { QueryError } from '../../components/QueryError.tsx';
import { RequireAuth } from '../../components/RequireAuth.tsx';
import { type AppLocale, currentLocale } from '../../i18n/i18n.ts';
import { messageOf } from '../../lib/errors.ts';
import { formatDateTime } from '../../lib/format.ts';
import { isCoordinator, type SignedIn } from '../../lib/session.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { FlowsMapPanel } from './FlowsMapPanel.tsx';
import { co2e, kg, km, percent, tonneKm } from './format.ts';
import { LeftOutPairs } from './LeftOutPairs.tsx';
import classes from './matching.module.css';
import { regionName, regions } from './regions.ts';

type Status = AllocationRun['status'];
type Flow = AllocationRun['flows'][number];
type Summary = NonNullable<AllocationRun['summary']>;

const POLL_MS = 1000;
const TABLE_PAGE = 50;
const active = (s: Status | undefined) => s === 'queued' || s === 'running';
const statusColor: Record<Status, string> = {
  queued: 'gray',
  running: 'blue',
  done: 'forest',
  failed: 'red',
};

function useScopeLabel() {
  const { t } = useTranslation('matching');
  return (scope: string) =>
    scope.startsWith('region:')
      ? t('allocation.scopeRegion', { name: regionName(scope.slice('region:'.length)) })
      : t('allocation.scopeNetwork');
}

function StartForm({ onStarted }: { onStarted: (runId: string) => void }) {
  const { t } = useTranslation('matching');
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const locale = currentLocale();
  const [region, setRegion] = useState('');
  const [leaveOut, setLeaveOut] = useState(false);
  const start = useMutation(
    trpc.allocations.start.mutationOptions({
      onSuccess: (r) => {
        toast.show({
          color: 'forest',
          message: r.created ? t('allocation.started') : t('allocation.joined'),
        });
        void queryClient.invalidateQueries({ queryKey: trpc.allocations.list.queryKey() });
        onStarted(r.runId);
      },
    }),
  );
  return (
    <Paper withBorder p="md" radius="md" bg="white">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          start.mutate({ regionCode: region || null, leaveOutLosingPairs: leaveOut });
        }}
      >
        <Group align="flex-end" gap="sm">
          <NativeSelect
            label={t('allocation.scope')}
            value={region}
            onChange={(e) => setRegion(e.currentTarget.value)}
            data={[
              { value: '', label: t('allocation.wholeNetwork') },
              ...regions.map((r) => ({ value: r.code, label: r.name })),
            ]}
            data-testid="allocation-scope"
            style={{ flex: '1 1 16rem' }}
          />
          <Button type="submit" loading={start.isPending} data-testid="allocation-start">
            {t('allocation.start')}
          </Button>
        </Group>
        <Checkbox
          mt="sm"
          checked={leaveOut}
          onChange={(e) => setLeaveOut(e.currentTarget.checked)}
          label={t('allocation.leaveOut')}
          description={t('allocation.leaveOutHelp')}
          data-testid="allocation-leave-out"
        />
        {start.isError && (
          <Alert color="red" mt="sm" role="alert">
            {messageOf(start.error, locale, translate('allocation.failed', locale))}
          </Alert>
        )}
      </form>
    </Paper>
  );
}

function Totals({ summary }: { summary: Summary }) {
  const { t } = useTranslation('matching');
  const locale = currentLocale();
  const { optimal, greedy, optimalAtGreedyKg: at } = summary;
  const rows: {
    key: string;
    label: string;
    fmt: (v: number, l: AppLocale) => string;
    pick: keyof Summary['optimal'];
  }[] = [
    { key: 'kg', label: t('allocation.kg'), fmt: kg, pick: 'kg' },
    { key: 'tkm', label: t('allocation.tonneKm'), fmt: tonneKm, pick: 'tonneKm' },
    { key: 'co2', label: t('allocation.co2e'), fmt: co2e, pick: 'transportCo2eKg' },
    {
      key: 'flows',
      label: t('allocation.flows'),
      fmt: (v, l) => new Intl.NumberFormat(l).format(v),
      pick: 'flows',
    },
  ];
  const columns = [
    { key: 'optimal', label: t('allocation.optimal'), v: optimal },
    { key: 'greedy', label: t('allocation.greedy'), v: greedy },
    { key: 'at', label: t('allocation.atGreedyKg'), v: at },
  ] as const;
  return (
    <>
      {/* Phones: one card per approach; wider screens: the figures side by side in a table. */}
      <SimpleGrid cols={1} spacing="xs" hiddenFrom="sm">
        {columns.map((c) => (
          <Paper key={c.key} withBorder p="sm" radius="md" bg={c.key === 'optimal' ? 'forest.0' : 'white'}>
            <Text fw={700} size="sm" mb={4}>
              {c.label}
            </Text>
            <dl className={classes.facts}>
              {rows.map((r) => (
                <div key={r.key}>
                  <dt>{r.label}</dt>
                  <dd>{r.fmt(c.v[r.pick], locale)}</dd>
                </div>
              ))}
            </dl>
          </Paper>
        ))}
      </SimpleGrid>
      <div className={classes.totals}>
        <Table
          visibleFrom="sm"
          withTableBorder
          withColumnBorders
          striped="even"
          bg="white"
          data-testid="allocation-totals"
        >
          <Table.Caption>{t('allocation.totalsTitle')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('allocation.metric')}</Table.Th>
              <Table.Th scope="col" className={classes.num}>
                {t('allocation.optimal')}
              </Table.Th>
              <Table.Th scope="col" className={classes.num}>
                {t('allocation.greedy')}
              </Table.Th>
              <Table.Th scope="col" className={classes.num}>
                {t('allocation.atGreedyKg')}
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={r.key} data-testid={`totals-${r.key}`}>
                <Table.Th scope="row">{r.label}</Table.Th>
                <Table.Td className={`${classes.num} ${classes.best}`}>
                  {r.fmt(optimal[r.pick], locale)}
                </Table.Td>
                <Table.Td className={classes.num}>{r.fmt(greedy[r.pick], locale)}</Table.Td>
                <Table.Td className={classes.num}>{r.fmt(at[r.pick], locale)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </div>
    </>
  );
}

function Explanation({ summary }: { summary: Summary }) {
  const { t } = useTranslation('matching');
  const locale = currentLocale();
  const { optimal, greedy, optimalAtGreedyKg: at } = summary;
  const moreKg = optimal.kg - greedy.kg > 0.05;
  const saving = greedy.tonneKm > 0 ? 1 - at.tonneKm / greedy.tonneKm : 0;
  const co2Saved = greedy.transportCo2eKg - at.transportCo2eKg;
  return (
    <Stack gap={6} data-testid="allocation-explanation">
      <Text size="sm">
        {moreKg
          ? t('allocation.explainMore', {
              optimalKg: kg(optimal.kg, locale),
              greedyKg: kg(greedy.kg, locale),
            })
          : t('allocation.explainSame', { optimalKg: kg(optimal.kg, locale) })}{' '}
        {saving >= 0.005
          ? t('allocation.explainSaving', {
              greedyKg: kg(greedy.kg, locale),
              atKm: tonneKm(at.tonneKm, locale),
              greedyKm: tonneKm(greedy.tonneKm, locale),
              percent: percent(saving, locale),
              co2: co2e(Math.max(0, co2Saved), locale),
            })
          : co2Saved >= 0.05
            ? t('allocation.explainFewerTrips', {
                greedyKm: tonneKm(greedy.tonneKm, locale),
                atFlows: at.flows,
                greedyFlows: greedy.flows,
                co2: co2e(co2Saved, locale),
              })
            : t('allocation.explainNoSaving', { greedyKm: tonneKm(greedy.tonneKm, locale) })}
      </Text>
      <Text size="sm" c="dimmed">
        {t('allocation.explainWhy')}
      </Text>
    </Stack>
  );
}

type SortKey = 'kg' | 'distance';

function FlowsTable({ flows }: { flows: Flow[] }) {
  const { t } = useTranslation('matching');
  const locale = currentLocale();
  const [sort, setSort] = useState<{ by: SortKey; dir: 'asc' | 'desc' }>({ by: 'kg', dir: 'desc' });
  const [all, setAll] = useState(false);
  const sorted = useMemo(() => {
    const v = (f: Flow) => (sort.by === 'kg' ? f.kg : f.distanceKm);
    const sign = sort.dir === 'asc' ? 1 : -1;
    return [...flows].sort((a, b) => sign * (v(a) - v(b)) || a.lotTitle.localeCompare(b.lotTitle));
  }, [flows, sort]);
  const shown = all ? sorted : sorted.slice(0, TABLE_PAGE);
  const column = (by: SortKey) => (by === 'kg' ? t('allocation.mass') : t('allocation.distance'));
  const header = (by: SortKey) => {
    const current = sort.by === by;
    return (
      <Table.Th
        scope="col"
        className={classes.num}
        aria-sort={current ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'}
      >
        <button
          type="button"
          className={classes.sortButton}
          onClick={() =>
            setSort((s) => ({ by, dir: s.by === by ? (s.dir === 'asc' ? 'desc' : 'asc') : 'desc' }))
          }
          aria-label={t('allocation.sortBy', { column: column(by) })}
          data-testid={`sort-${by}`}
        >
          {column(by)}
          <span aria-hidden="true">{current ? (sort.dir === 'asc' ? '▲' : '▼') : '↕'}</span>
        </button>
      </Table.Th>
    );
  };
  const decision = (d: Flow['decision']) =>
    d === 'accepted'
      ? t('allocation.decisionAccepted')
      : d === 'ignored'
        ? t('allocation.decisionIgnored')
        : t('allocation.decisionNone');
  return (
    <Stack gap="xs">
      <Table.ScrollContainer minWidth={300}>
        <Table
          striped="even"
          highlightOnHover
          bg="white"
          withTableBorder
          horizontalSpacing="xs"
          data-testid="flows-table"
        >
          <Table.Caption>
            {t('allocation.tableCaption', {
              count: flows.length,
              by: column(sort.by).toLowerCase(),
              dir: sort.dir === 'asc' ? t('allocation.asc') : t('allocation.desc'),
            })}
          </Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('allocation.lot')}</Table.Th>
              <Table.Th scope="col" visibleFrom="sm">
                {t('allocation.request')}
              </Table.Th>
              {header('kg')}
              {header('distance')}
              <Table.Th scope="col" className={classes.num} visibleFrom="sm">
                {t('allocation.tonneKm')}
              </Table.Th>
              <Table.Th scope="col" visibleFrom="sm">
                {t('allocation.decision')}
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {shown.map((f) => (
              <Table.Tr key={`${f.lotId}:${f.requestId}`} data-testid="flow-row">
                <Table.Td>
                  <Anchor component={Link} to={`/lots/${f.lotId}`} size="sm">
                    {f.lotTitle}
                  </Anchor>
                  <Text size="xs" c="dimmed">
                    {f.siteName}
                  </Text>
                  <Text size="xs" hiddenFrom="sm">
                    → {f.requestTitle}
                  </Text>
                </Table.Td>
                <Table.Td visibleFrom="sm">
                  <Text size="sm">{f.requestTitle}</Text>
                </Table.Td>
                <Table.Td className={classes.num} data-testid="flow-kg">
                  {kg(f.kg, locale)}
                </Table.Td>
                <Table.Td className={classes.num} data-testid="flow-distance">
                  {km(f.distanceKm, locale)}
                </Table.Td>
                <Table.Td className={classes.num} visibleFrom="sm">
                  {tonneKm((f.kg / 1000) * f.distanceKm, locale)}
                </Table.Td>
                <Table.Td visibleFrom="sm">{decision(f.decision)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {!all && flows.length > TABLE_PAGE && (
        <Button variant="subtle" onClick={() => setAll(true)} style={{ alignSelf: 'flex-start' }}>
          {t('allocation.showAll', { count: flows.length })}
        </Button>
      )}
    </Stack>
  );
}

function Result({ run }: { run: AllocationRun }) {
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

function RunView({ runId }: { runId: string }) {
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

function RecentRuns({ current }: { current: string | null }) {
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

function Allocation({ me }: { me: SignedIn }) {
  const { t } = useTranslation('matching');
  const [params, setParams] = useSearchParams();
  const runId = params.get('run');
  if (!isCoordinator(me)) {
    return (
      <Container size="md">
        <Alert color="red" role="alert">
          {t('allocation.forbidden')}
        </Alert>
      </Container>
    );
  }
  return (
    <Container size="lg">
      <Stack gap="lg">
        <Stack gap={4}>
          <Title order={1}>{t('allocation.title')}</Title>
          <Text c="dimmed" maw={760}>
            {t('allocation.intro')}
          </Text>
        </Stack>
        <StartForm onStarted={(id) => setParams({ run: id })} />
        <SimpleGrid cols={{ base: 1 }} spacing="lg">
          {runId && <RunView key={runId} runId={runId} />}
          <RecentRuns current={runId} />
        </SimpleGrid>
      </Stack>
    </Container>
  );
}

export function AllocationPage() {
  return <RequireAuth>{(me) => <Allocation me={me} />}</RequireAuth>;
}
