import {
  Anchor,
  Button,
  Center,
  Container,
  Group,
  Loader,
  Paper,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import type { Circuits } from '@retaille/api/client';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { QueryError } from '../../components/QueryError.tsx';
import { RequireAuth } from '../../components/RequireAuth.tsx';
import { currentLocale } from '../../i18n/i18n.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { download } from '../tours/download.ts';
import { CircuitsTable } from './CircuitsTable.tsx';
import type { MapFlow } from './FlowsMap.tsx';
import { FlowsMapPanel } from './FlowsMapPanel.tsx';
import { km, mass, num, percent } from './format.ts';
import classes from './impact.module.css';
import { Kpi } from './Kpis.tsx';

const parisDay = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(d);

/** Both ends of every edge placed on the map (a buyer's commune centre, never an address). */
function mapFlows(data: Circuits): MapFlow[] {
  const points = new Map(data.nodes.map((n) => [n.key, n.point] as const));
  return data.edges.flatMap((e) => {
    const origin = points.get(e.from);
    return origin ? [{ origin, destination: points.get(e.to) ?? null, massKg: e.massKg }] : [];
  });
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The server's bounds, checked before asking: real days, from ≤ to, at most three years. */
function periodProblem(from: string, to: string): 'incomplete' | 'reversed' | 'tooLong' | null {
  if (!DAY.test(from) || !DAY.test(to)) return 'incomplete';
  if (from > to) return 'reversed';
  const limit = `${String(Number(from.slice(0, 4)) + 3).padStart(4, '0')}${from.slice(4)}`;
  return to >= limit ? 'tooLong' : null;
}

/** /impact/circuits — the coordinators' (and admins') map of the flows traded over a period. */
export function CircuitsPage() {
  return <RequireAuth>{() => <CircuitsView />}</RequireAuth>;
}

function CircuitsView() {
  const { t } = useTranslation('impact');
  const locale = currentLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [from, setFrom] = useState(() => `${parisDay(new Date()).slice(0, 4)}-01-01`);
  const [to, setTo] = useState(() => parisDay(new Date()));
  const problem = periodProblem(from, to);
  const valid = problem === null;
  const circuits = useQuery({
    ...trpc.impact.circuits.queryOptions({ from, to }),
    enabled: valid,
    placeholderData: keepPreviousData,
  });
  const flows = useMemo(() => (circuits.data ? mapFlows(circuits.data) : []), [circuits.data]);
  const [exporting, setExporting] = useState(false);
  const kpiTitle = useId();
  const exportCsv = async () => {
    setExporting(true);
    try {
      const file = await queryClient.fetchQuery(
        trpc.impact.circuitsCsv.queryOptions({ from, to, lang: locale }),
      );
      download(file.filename, file.contentType, file.body);
    } finally {
      setExporting(false);
    }
  };
  const data = circuits.data;
  return (
    <Container size="xl" py="lg">
      <Stack gap="md">
        <div>
          <Anchor component={Link} to="/impact" size="sm">
            ← {t('page.title')}
          </Anchor>
          <Title order={1}>{t('circuits.title')}</Title>
          <Text c="dimmed" maw={720}>
            {t('circuits.intro')}
          </Text>
        </div>
        <Paper
          withBorder
          p="md"
          radius="md"
          component="fieldset"
          className={classes.noPrint}
          style={{ margin: 0 }}
        >
          <Text component="legend" fw={600} px={4}>
            {t('circuits.period')}
          </Text>
          <Group align="flex-start" gap="sm">
            <TextInput
              type="date"
              data-testid="circuits-from"
              label={t('circuits.from')}
              value={from}
              onChange={(e) => setFrom(e.currentTarget.value)}
            />
            <TextInput
              type="date"
              data-testid="circuits-to"
              label={t('circuits.to')}
              value={to}
              onChange={(e) => setTo(e.currentTarget.value)}
              error={
                problem === 'reversed'
                  ? t('circuits.reversed')
                  : problem === 'tooLong'
                    ? t('circuits.tooLong')
                    : undefined
              }
            />
            <Button
              mt={25}
              variant="light"
              onClick={() => void exportCsv()}
              loading={exporting}
              disabled={!data}
              data-testid="circuits-csv"
            >
              {t('circuits.csv')}
            </Button>
          </Group>
        </Paper>
        {circuits.isError ? (
          <QueryError error={circuits.error} onRetry={() => void circuits.refetch()} />
        ) : data ? (
          <Stack gap="md" aria-busy={circuits.isFetching}>
            <section aria-labelledby={kpiTitle}>
              <Title order={2} size="h3" id={kpiTitle} mb="xs">
                {t('circuits.summary')}
              </Title>
              <div className={classes.kpis}>
                <Kpi
                  testId="circuits-kg"
                  label={t('circuits.kg')}
                  value={mass(data.totals.massKg, locale)}
                  detail={t('circuits.trades', {
                    count: data.totals.trades,
                    n: num(data.totals.trades, locale, 0),
                  })}
                />
                <Kpi
                  testId="circuits-short"
                  label={t('circuits.shortShare', { km: num(data.shortCircuitKm, locale, 0) })}
                  value={percent(data.totals.shortShare, locale)}
                  detail={t('circuits.shortDetail', { n: num(data.totals.shortTrades, locale, 0) })}
                />
                <Kpi
                  testId="circuits-km-avoided"
                  label={t('circuits.kmAvoided')}
                  value={km(data.totals.kmAvoided, locale)}
                  detail={t('circuits.tourDetail', { n: num(data.totals.tourTrades, locale, 0) })}
                />
                <Kpi
                  testId="circuits-nodes"
                  label={t('circuits.nodes')}
                  value={num(data.nodes.length, locale, 0)}
                />
              </div>
            </section>
            {data.truncated && (
              <Text c="orange">{t('circuits.truncated', { n: num(data.edges.length, locale, 0) })}</Text>
            )}
            {flows.length > 0 && (
              <FlowsMapPanel flows={flows} label={t('circuits.mapLabel')} testId="circuits-map" />
            )}
            <CircuitsTable data={data} />
          </Stack>
        ) : valid ? (
          <Center py="xl">
            <Loader aria-label={t('page.loading')} />
          </Center>
        ) : null}
      </Stack>
    </Container>
  );
}
