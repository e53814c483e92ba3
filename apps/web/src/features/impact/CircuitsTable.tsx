import { Table, Text } from '@mantine/core';
import type { Circuits } from '@retaille/api/client';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../../i18n/i18n.ts';
import { km, mass, num } from './format.ts';
import classes from './impact.module.css';

/** The circuits' flows as a table: the same data as the map, readable without it. */
export function CircuitsTable({ data }: { data: Circuits }) {
  const { t } = useTranslation('impact');
  const locale = currentLocale();
  if (data.edges.length === 0) return <Text c="dimmed">{t('circuits.none')}</Text>;
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table
        className={classes.table}
        striped
        withTableBorder
        fz="sm"
        verticalSpacing={4}
        data-testid="circuits-table"
      >
        <caption>{t('circuits.caption', { km: num(data.shortCircuitKm, locale, 0) })}</caption>
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
              {t('circuits.shortTrades')}
            </Table.Th>
            <Table.Th scope="col" className={classes.num}>
              {t('circuits.tourTrades')}
            </Table.Th>
            <Table.Th scope="col" className={classes.num}>
              {t('circuits.kmAvoided')}
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {data.edges.map((e) => (
            <Table.Tr key={`${e.from}>${e.to}`}>
              <Table.Th scope="row" fw={500}>
                {e.fromLabel} → {e.toLabel}
              </Table.Th>
              <Table.Td className={classes.num}>{num(e.trades, locale, 0)}</Table.Td>
              <Table.Td className={classes.num}>{mass(e.massKg, locale)}</Table.Td>
              <Table.Td className={classes.num}>{num(e.shortTrades, locale, 0)}</Table.Td>
              <Table.Td className={classes.num}>{num(e.tourTrades, locale, 0)}</Table.Td>
              <Table.Td className={classes.num}>
                {e.tourTrades === 0 ? '—' : km(e.kmAvoided, locale)}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
