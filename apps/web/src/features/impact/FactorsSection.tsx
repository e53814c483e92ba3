import { Alert, List, Paper, Text, Title } from '@mantine/core';
import type { ImpactTotalsDto } from '@retaille/api/client';
import { useQueries } from '@tanstack/react-query';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../../i18n/i18n.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { num } from './format.ts';
import classes from './impact.module.css';

/** Factor versions used, with their sources; "facteur manquant" when a trade had none. */
export function FactorsSection({ totals, compact = false }: { totals: ImpactTotalsDto; compact?: boolean }) {
  const { t } = useTranslation('impact');
  const locale = currentLocale();
  const trpc = useTRPC();
  const sets = useQueries({
    queries: totals.factorVersions.map((version) => ({
      ...trpc.impact.factors.get.queryOptions({ version }),
      staleTime: Number.POSITIVE_INFINITY,
    })),
  });
  const titleId = useId();
  return (
    <Paper
      withBorder={!compact}
      p={compact ? 0 : 'md'}
      radius="md"
      component="section"
      aria-labelledby={titleId}
    >
      <Title order={compact ? 2 : 3} size="h4" id={titleId} mb="xs">
        {t('factors.title')}
      </Title>
      {totals.tradesWithMissingFactor > 0 && (
        <Alert color="wood" title={t('factors.missingTitle')} mb="sm" data-testid="missing-factor">
          {t('factors.missing', { count: totals.tradesWithMissingFactor })}
        </Alert>
      )}
      <Text size="sm" mb="xs">
        {t('factors.method')}
      </Text>
      {totals.factorVersions.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('factors.none')}
        </Text>
      )}
      {totals.factorVersions.map((version, i) => {
        const set = sets[i]?.data;
        const sources = new Map<string, number>();
        for (const f of [...(set?.materialFactors ?? []), ...(set?.transportFactors ?? [])]) {
          sources.set(f.source, f.year);
        }
        return (
          <div key={version} data-testid="factor-version">
            <Text size="sm" fw={600}>
              {t('factors.version', { version })}
            </Text>
            {set && (
              <details className={classes.details} open={compact}>
                <summary>
                  {t('factors.sources')} ({sources.size})
                </summary>
                <List size="xs" spacing={2} mt={4}>
                  {[...sources].map(([source, year]) => (
                    <List.Item key={source}>
                      {source} ({num(year, locale, 0).replace(/\s/g, '')})
                    </List.Item>
                  ))}
                </List>
              </details>
            )}
          </div>
        );
      })}
    </Paper>
  );
}
