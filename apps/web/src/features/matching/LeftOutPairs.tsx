import { Alert, Table, Text, Title } from '@mantine/core';
import type { AllocationRun } from '@retaille/api/client';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { materialLabel } from '../../components/catalogue/format.ts';
import { currentLocale } from '../../i18n/i18n.ts';
import { co2e, kg, km } from './format.ts';

/**
 * A run started with "leave out losing pairs" (docs/impact-method.md §9): the pairs the
 * allocation did not use because their default van trip emits more than they avoid, with the
 * reason and the estimated net, worst first, so the coordinator sees why a request is unserved.
 */
export function LeftOutPairs({ run }: { run: AllocationRun }) {
  const { t } = useTranslation('matching');
  const locale = currentLocale();
  const titleId = useId();
  const summary = run.summary;
  if (!run.leaveOutLosingPairs || !summary) return null;
  const left = summary.leftOut ?? [];
  const count = summary.leftOutPairs ?? left.length;
  return (
    <section aria-labelledby={titleId} data-testid="allocation-left-out">
      <Title order={2} size="h3" id={titleId}>
        {t('allocation.leftOut.title')}
      </Title>
      {count === 0 ? (
        <Text size="sm">{t('allocation.leftOut.none')}</Text>
      ) : (
        <>
          <Alert color="yellow" my="xs">
            {t('allocation.leftOut.summary', { count })}
            {count > left.length && ` ${t('allocation.leftOut.listed', { count: left.length })}`}
          </Alert>
          <Table.ScrollContainer minWidth={640}>
            <Table striped fz="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('allocation.leftOut.material')}</Table.Th>
                  <Table.Th>{t('allocation.leftOut.distance')}</Table.Th>
                  <Table.Th>{t('allocation.leftOut.kg')}</Table.Th>
                  <Table.Th>{t('allocation.leftOut.net')}</Table.Th>
                  <Table.Th>{t('allocation.leftOut.reason')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {left.map((p) => (
                  <Table.Tr key={`${p.lotId}>${p.requestId}`}>
                    <Table.Td>{materialLabel(p.materialKey, locale)}</Table.Td>
                    <Table.Td>{km(p.distanceKm, locale)}</Table.Td>
                    <Table.Td>{kg(p.maxKg, locale)}</Table.Td>
                    <Table.Td>
                      {co2e(p.netKgCo2e.central, locale)}{' '}
                      <Text span size="xs" c="dimmed">
                        (
                        {t('allocation.leftOut.range', {
                          low: co2e(p.netKgCo2e.low, locale),
                          high: co2e(p.netKgCo2e.high, locale),
                        })}
                        )
                      </Text>
                    </Table.Td>
                    <Table.Td>{t(`allocation.leftOut.reasons.${p.reason}`)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </>
      )}
    </section>
  );
}
