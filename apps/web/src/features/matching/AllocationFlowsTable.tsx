/** The allocated flows as a sortable, paged table. */
/**
 * /coordination/allocation: a coordinator runs (or joins) the network-wide allocation of a region
 * or of the whole network, follows its progress, and reads the optimum against the greedy
 * nearest-first baseline — totals, a plain-language explanation, the flows on a map and in a
 * sortable table — or the failure with a retry.
 */
import { Anchor, Button, Stack, Table, Text } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { currentLocale } from '../../i18n/i18n.ts';
import { type Flow, TABLE_PAGE } from './allocationParts.tsx';
import { kg, km, tonneKm } from './format.ts';
import classes from './matching.module.css';

type SortKey = 'kg' | 'distance';

export function FlowsTable({ flows }: { flows: Flow[] }) {
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
