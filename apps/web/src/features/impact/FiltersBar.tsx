import { Button, Group, Paper, Select, SimpleGrid, Text, TextInput } from '@mantine/core';
import type { ImpactDashboard } from '@retaille/api/client';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../../i18n/i18n.ts';
import { sectorOptions } from '../../lib/labels.ts';
import classes from './impact.module.css';
import { type Dimension, familyOptions, makeLabeler, useDepartementNames } from './labels.ts';
import type { useImpactFilters } from './useImpactFilters.ts';

type Filters = ReturnType<typeof useImpactFilters>;

export function FiltersBar({
  filters,
  options,
  site = false,
}: {
  filters: Filters;
  /** An unfiltered dashboard of the same period: the départements and regions that have trades. */
  options?: ImpactDashboard;
  site?: boolean;
}) {
  const { t } = useTranslation('impact');
  const locale = currentLocale();
  const label = makeLabeler(t, locale, useDepartementNames());
  const { input } = filters;
  const keysOf = (d: 'departement' | 'region') =>
    (options?.breakdowns[d] ?? [])
      .filter((g) => g.key)
      .map((g) => ({ value: g.key, label: label(d, g.key, g.label) }))
      .sort((a, b) => a.label.localeCompare(b.label, locale));
  const withCurrent = (list: { value: string; label: string }[], value: string | undefined, d: Dimension) =>
    value && !list.some((o) => o.value === value) ? [...list, { value, label: label(d, value, null) }] : list;
  const territoryOptions = ['rural', 'qpv', 'small_medium_town', 'metropolis'].map((k) => ({
    value: k,
    label: label('territoryType', k, null),
  }));
  const select = (
    key: 'sector' | 'departement' | 'region' | 'territoryType' | 'materialFamily',
    data: { value: string; label: string }[],
  ) => (
    <Select
      label={t(`filters.${key}`)}
      placeholder={t('filters.all')}
      data={data}
      value={input[key] ?? null}
      onChange={(v) => filters.set({ [key]: v })}
      clearable
      searchable
      comboboxProps={{ withinPortal: true }}
      data-testid={`filter-${key}`}
    />
  );
  const reversed = input.from > input.to;
  return (
    <Paper
      withBorder
      p="md"
      radius="md"
      component="fieldset"
      className={classes.noPrint}
      style={{ margin: 0 }}
    >
      <Text component="legend" fw={600} px={4}>
        {t('filters.legend')}
      </Text>
      <SimpleGrid cols={{ base: 2, sm: 3, lg: site ? 4 : 7 }} spacing="sm">
        <TextInput
          type="month"
          label={t('filters.from')}
          value={input.from}
          max={input.to}
          onChange={(e) => e.currentTarget.value && filters.set({ from: e.currentTarget.value })}
          data-testid="filter-from"
        />
        <TextInput
          type="month"
          label={t('filters.to')}
          value={input.to}
          min={input.from}
          onChange={(e) => e.currentTarget.value && filters.set({ to: e.currentTarget.value })}
          error={reversed ? t('filters.periodReversed') : undefined}
          data-testid="filter-to"
        />
        {!site && select('sector', sectorOptions(locale))}
        {!site && select('departement', withCurrent(keysOf('departement'), input.departement, 'departement'))}
        {!site && select('region', withCurrent(keysOf('region'), input.region, 'region'))}
        {!site && select('territoryType', territoryOptions)}
        {select('materialFamily', familyOptions(locale))}
        {site && select('sector', sectorOptions(locale))}
      </SimpleGrid>
      <Group justify="flex-end" mt="xs">
        <Button variant="subtle" size="compact-sm" onClick={filters.reset}>
          {t('filters.reset')}
        </Button>
      </Group>
    </Paper>
  );
}
