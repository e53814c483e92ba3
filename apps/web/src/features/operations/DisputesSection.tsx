import {
  Badge,
  Button,
  Card,
  Group,
  Image,
  List,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryError } from '../../components/QueryError.tsx';
import { currentLocale } from '../../i18n/i18n.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { centsOf, type Dispute, dateTime, euros } from './api.ts';
import { useAction } from './useAction.ts';

/** Open disputes, oldest first, each with what is needed to decide and the resolution form. */
export function DisputesSection() {
  const { t } = useTranslation('operations');
  const trpc = useTRPC();
  const disputes = useQuery(trpc.operations.disputes.list.queryOptions());
  if (disputes.error) return <QueryError error={disputes.error} />;
  if (!disputes.data) return <Text>{t('loading')}</Text>;
  if (disputes.data.length === 0) return <Text>{t('disputes.none')}</Text>;
  return (
    <Stack>
      {disputes.data.map((d) => (
        <DisputeCard key={d.trade.id} dispute={d} />
      ))}
    </Stack>
  );
}

function DisputeCard({ dispute }: { dispute: Dispute }) {
  const { t } = useTranslation('operations');
  const locale = currentLocale();
  const trpc = useTRPC();
  const resolve = useMutation(trpc.operations.disputes.resolve.mutationOptions());
  const { run, errors, busy } = useAction();
  const [refund, setRefund] = useState('');
  const [note, setNote] = useState('');
  const { trade } = dispute;
  const id = `dispute-${trade.id}`;
  const submit = async () => {
    const cents = centsOf(refund === '' ? '0' : refund);
    await run(
      () => resolve.mutateAsync({ tradeId: trade.id, refundCents: cents ?? -1, note }),
      t('disputes.resolved'),
    );
  };
  return (
    <Card withBorder component="article" aria-labelledby={id} data-testid="dispute">
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap">
          <Title order={2} size="h3" id={id}>
            {trade.lot.title}
          </Title>
          <Badge color="orange">{t('disputes.open')}</Badge>
        </Group>
        <Text size="sm">
          {t('disputes.parties', { seller: trade.sellerSite.name, buyer: trade.buyer.name })}
        </Text>
        <Text>
          <strong>{t('disputes.reason')}</strong> {trade.dispute?.reason}
        </Text>
        <Group gap="xl" wrap="wrap">
          <Text size="sm">{t('disputes.paid', { amount: euros(trade.paidCents, locale) })}</Text>
          <Text size="sm">
            {t('disputes.refundable', { amount: euros(dispute.refundableCents, locale) })}
          </Text>
          <Text size="sm">{t('disputes.fee', { amount: euros(trade.price.platformFeeCents, locale) })}</Text>
        </Group>
        <details>
          <summary>{t('disputes.timeline', { count: dispute.timeline.length })}</summary>
          <List size="sm" mt="xs">
            {dispute.timeline.map((e) => (
              <List.Item key={`${e.at}-${e.transition}`}>
                {dateTime(e.at, locale)} — {e.transition} ({e.actorRole})
              </List.Item>
            ))}
          </List>
        </details>
        <details>
          <summary>{t('disputes.messages', { count: dispute.messages.length })}</summary>
          <Stack gap={4} mt="xs">
            {dispute.messages.map((m) => (
              <Text key={m.id} size="sm">
                <strong>{m.authorName ?? m.authorRole}</strong> ({dateTime(m.createdAt, locale)}) : {m.body}
              </Text>
            ))}
          </Stack>
        </details>
        {dispute.photoIds.length > 0 && (
          <Group gap="xs">
            {dispute.photoIds.map((p) => (
              <Image
                key={p}
                src={`/api/photos/${p}?size=thumb`}
                alt={t('disputes.photo')}
                w={96}
                h={96}
                radius="sm"
              />
            ))}
          </Group>
        )}
        <Group align="flex-end" wrap="wrap">
          <TextInput
            label={t('disputes.refundLabel')}
            description={t('disputes.refundHelp', { max: euros(dispute.refundableCents, locale) })}
            value={refund}
            onChange={(e) => setRefund(e.currentTarget.value)}
            error={errors.refundCents}
            inputMode="decimal"
            w={220}
          />
          <Textarea
            label={t('note')}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            error={errors.note}
            required
            autosize
            minRows={1}
            style={{ flex: 1, minWidth: 220 }}
          />
          <Button onClick={submit} loading={busy}>
            {t('disputes.resolve')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
