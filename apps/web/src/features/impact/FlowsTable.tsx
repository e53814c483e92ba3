import { Table, Text } from '@mantine/core';
import type { ImpactDashboard } from '@retaille/api/client';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../../i18n/i18n.ts';
import { num } from './format.ts';
import classes from './impact.module.css';

export function FlowsTable({ flows }: { flows: ImpactDashboard['topFlows'] }) {
  const { t } = useTranslation('impact');
  const locale = currentLocale();
  if (flows.length === 0) return <Text c="dimmed">{t('flows.none')}</Text>;
  return (
    <Table.ScrollContainer minWidth={480}>
      <Table
        className={classes.table}
        striped
        withTableBorder
        fz="sm"
        verticalSpacing={4}
        data-testid="flows-table"
      >
        <caption>{t('flows.caption')}</caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">
              {t('flows.origin')} → {t('flows.destination')}
            </Table.Th>
            <Table.Th scope="col" className={classes.num}>
              {t('table.trades')}
            </Table.Th>
            <Table.Th scope="col" className={classes.num}>
              {t('table.massKg')}
            </Table.Th>
            <Table.Th scope="col" className={classes.num}>
              {t('table.net')}
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {flows.map((f) => (
            <Table.Tr key={`${f.originSiteId}>${f.destinationKey}`}>
              <Table.Th scope="row" fw={500}>
                {f.originName} → {f.destinationLabel}
              </Table.Th>
              <Table.Td className={classes.num}>{num(f.trades, locale, 0)}</Table.Td>
              <Table.Td className={classes.num}>{num(f.massKg, locale)}</Table.Td>
              <Table.Td className={classes.num}>{num(f.netKgCo2e, locale)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
