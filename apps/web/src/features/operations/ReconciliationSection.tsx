import { Alert, Button, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { QueryError } from '../../components/QueryError.tsx';
import { currentLocale } from '../../i18n/i18n.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { dateTime, euros } from './api.ts';

/** The ledger against each paid trade's terms and the payment provider, run on demand. */
export function ReconciliationSection() {
  const { t } = useTranslation('operations');
  const locale = currentLocale();
  const trpc = useTRPC();
  const report = useQuery({ ...trpc.operations.reconciliation.run.queryOptions(), staleTime: 0 });
  if (report.error) return <QueryError error={report.error} />;
  if (!report.data) return <Text>{t('reconciliation.running')}</Text>;
  const r = report.data;
  return (
    <Stack>
      <Text size="sm" c="dimmed">
        {t('reconciliation.checked', { date: dateTime(r.checkedAt, locale), count: r.paidTrades })}
      </Text>
      {r.ok ? (
        <Alert color="forest" title={t('reconciliation.ok')} />
      ) : (
        <Alert
          color="red"
          title={t('reconciliation.differences', {
            count: r.differences.length + (r.ledgerBalanced ? 0 : 1),
          })}
        >
          {!r.ledgerBalanced && (
            <Text>{t('reconciliation.unbalanced', { list: r.unbalancedTradeIds.join(', ') })}</Text>
          )}
        </Alert>
      )}
      {r.differences.length > 0 && (
        <Table.ScrollContainer minWidth={640}>
          <Table striped aria-label={t('tabs.reconciliation')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('reconciliation.trade')}</Table.Th>
                <Table.Th>{t('reconciliation.kind')}</Table.Th>
                <Table.Th>{t('reconciliation.expected')}</Table.Th>
                <Table.Th>{t('reconciliation.actual')}</Table.Th>
                <Table.Th>{t('reconciliation.detail')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {r.differences.map((d) => (
                <Table.Tr key={`${d.tradeId}-${d.kind}`}>
                  <Table.Td>
                    <Link to={`/echanges/${d.tradeId}`}>{d.tradeId.slice(0, 8)}</Link>
                  </Table.Td>
                  <Table.Td>{t(`reconciliation.kinds.${d.kind}`, { defaultValue: d.kind })}</Table.Td>
                  <Table.Td>{euros(d.expectedCents, locale)}</Table.Td>
                  <Table.Td>{euros(d.actualCents, locale)}</Table.Td>
                  <Table.Td>{d.detail}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Button variant="default" onClick={() => report.refetch()} loading={report.isFetching} w="fit-content">
        {t('reconciliation.rerun')}
      </Button>
    </Stack>
  );
}
