import { Button, Group, Paper, Text, Title } from '@mantine/core';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../../i18n/i18n.ts';
import classes from './impact.module.css';
import { exportHref } from './useImpactFilters.ts';

export function ExportsSection({ query }: { query: string }) {
  const { t } = useTranslation('impact');
  const titleId = useId();
  const link = (format: 'csv' | 'json' | 'xlsx', kind: 'lines' | 'aggregates' | 'sources', label: string) => (
    <Button
      component="a"
      href={exportHref(query, format, kind, currentLocale())}
      download
      variant="light"
      size="sm"
      data-testid={`export-${format}-${kind}`}
    >
      {label}
    </Button>
  );
  return (
    <Paper
      withBorder
      p="md"
      radius="md"
      component="section"
      aria-labelledby={titleId}
      className={classes.noPrint}
    >
      <Title order={3} size="h4" id={titleId} mb="xs">
        {t('exports.title')}
      </Title>
      <Group gap="xs">
        {link('xlsx', 'aggregates', t('exports.xlsxAggregates'))}
        {link('xlsx', 'lines', t('exports.xlsxLines'))}
        {link('csv', 'lines', t('exports.csvLines'))}
        {link('csv', 'aggregates', t('exports.csvAggregates'))}
        {link('csv', 'sources', t('exports.csvSources'))}
        {link('json', 'lines', t('exports.jsonLines'))}
        {link('json', 'aggregates', t('exports.jsonAggregates'))}
      </Group>
      <Text size="xs" c="dimmed" mt="xs">
        {t('exports.hint')}
      </Text>
    </Paper>
  );
}
