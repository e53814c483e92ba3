import { Badge, Button, Group, Stack, Table, Text, Textarea } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryError } from '../../components/QueryError.tsx';
import { currentLocale } from '../../i18n/i18n.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { dateTime, euros, type MoneyOwed } from './api.ts';
import { paymentErrorKey } from './paymentError.ts';
import { useAction } from './useAction.ts';

/** Payouts and refunds not made: retry, or mark settled outside the platform with a note. */
export function MoneyOwedSection() {
  const { t } = useTranslation('operations');
  const trpc = useTRPC();
  const owed = useQuery(trpc.operations.money.list.queryOptions());
  if (owed.error) return <QueryError error={owed.error} />;
  if (!owed.data) return <Text>{t('loading')}</Text>;
  if (owed.data.length === 0) return <Text>{t('money.none')}</Text>;
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table striped aria-label={t('tabs.money')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('money.what')}</Table.Th>
            <Table.Th>{t('money.amount')}</Table.Th>
            <Table.Th>{t('money.status')}</Table.Th>
            <Table.Th>{t('money.actions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {owed.data.map((o) => (
            <Row key={o.effectId} owed={o} />
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function Row({ owed }: { owed: MoneyOwed }) {
  const { t } = useTranslation('operations');
  const locale = currentLocale();
  const trpc = useTRPC();
  const retry = useMutation(trpc.operations.money.retry.mutationOptions());
  const settle = useMutation(trpc.operations.money.settle.mutationOptions());
  const { run, errors, busy } = useAction();
  const [note, setNote] = useState('');
  const [settling, setSettling] = useState(false);
  return (
    <Table.Tr data-testid="money-owed" data-effect={owed.effectId}>
      <Table.Td>
        <Text fw={600}>{t(`money.kind.${owed.kind}`)}</Text>
        <Text size="sm">
          {owed.lotTitle} — {owed.kind === 'transfer' ? owed.sellerSiteName : owed.buyerName}
        </Text>
        <Text size="xs" c="dimmed">
          {dateTime(owed.updatedAt, locale)}
        </Text>
      </Table.Td>
      <Table.Td>{euros(owed.amountCents, locale)}</Table.Td>
      <Table.Td>
        <Badge color={owed.status === 'failed' ? 'red' : 'gray'}>{t(`money.statuses.${owed.status}`)}</Badge>
        {owed.exhausted && (
          <Text size="xs" c="red">
            {t('money.exhausted')}
          </Text>
        )}
        {owed.lastError && (
          <>
            <Text size="sm">{t(`money.errors.${paymentErrorKey(owed.lastError)}`)}</Text>
            <Text size="xs" c="dimmed">
              {owed.lastError}
            </Text>
          </>
        )}
      </Table.Td>
      <Table.Td>
        <Stack gap="xs">
          <Group gap="xs">
            <Button
              size="xs"
              loading={busy}
              onClick={() =>
                run(
                  () => retry.mutateAsync({ effectId: owed.effectId }),
                  (r) =>
                    r.status === 'failed'
                      ? { ok: false, message: t('money.retryRefused') }
                      : { ok: true, message: t('money.retried') },
                )
              }
            >
              {t('money.retry')}
            </Button>
            <Button
              size="xs"
              variant="default"
              onClick={() => setSettling((v) => !v)}
              aria-expanded={settling}
            >
              {t('money.settle')}
            </Button>
          </Group>
          {settling && (
            <Group align="flex-end" gap="xs">
              <Textarea
                label={t('note')}
                value={note}
                onChange={(e) => setNote(e.currentTarget.value)}
                error={errors.note}
                autosize
                minRows={1}
                required
              />
              <Button
                size="xs"
                loading={busy}
                onClick={() =>
                  run(() => settle.mutateAsync({ effectId: owed.effectId, note }), t('money.settled'))
                }
              >
                {t('confirm')}
              </Button>
            </Group>
          )}
        </Stack>
      </Table.Td>
    </Table.Tr>
  );
}
