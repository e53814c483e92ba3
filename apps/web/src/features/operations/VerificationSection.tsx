import { Anchor, Badge, Button, Card, Group, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { QueryError } from '../../components/QueryError.tsx';
import { currentLocale } from '../../i18n/i18n.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { dateTime, type VerificationItem } from './api.ts';
import { useAction } from './useAction.ts';

/** Sites awaiting verification with who applied; verify, refuse or ask for information (e-mailed). */
export function VerificationSection() {
  const { t } = useTranslation('operations');
  const trpc = useTRPC();
  const queue = useQuery(trpc.operations.verification.list.queryOptions());
  if (queue.error) return <QueryError error={queue.error} />;
  if (!queue.data) return <Text>{t('loading')}</Text>;
  if (queue.data.length === 0) return <Text>{t('verification.none')}</Text>;
  return (
    <Stack>
      {queue.data.map((item) => (
        <Applicant key={item.siteId} item={item} />
      ))}
    </Stack>
  );
}

function Applicant({ item }: { item: VerificationItem }) {
  const { t } = useTranslation('operations');
  const locale = currentLocale();
  const trpc = useTRPC();
  const verify = useMutation(trpc.operations.verification.verify.mutationOptions());
  const refuse = useMutation(trpc.operations.verification.refuse.mutationOptions());
  const ask = useMutation(trpc.operations.verification.requestInfo.mutationOptions());
  const { run, errors, busy } = useAction();
  const [note, setNote] = useState('');
  const id = `site-${item.siteId}`;
  return (
    <Card withBorder component="article" aria-labelledby={id}>
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={2} size="h3" id={id}>
            <Anchor component={Link} to={`/sites/${item.siteId}`}>
              {item.siteName}
            </Anchor>
          </Title>
          {item.lastReview && (
            <Badge color="orange">{t(`verification.review.${item.lastReview.decision}`)}</Badge>
          )}
        </Group>
        <Text size="sm">
          {item.commune} ({item.postalCode}) —{' '}
          {t('verification.since', { date: dateTime(item.createdAt, locale) })}
        </Text>
        <Text size="sm">
          <strong>{t('verification.applicant')}</strong> {item.applicant.name ?? '—'}{' '}
          {item.applicant.email && (
            <Anchor href={`mailto:${item.applicant.email}`}>{item.applicant.email}</Anchor>
          )}
        </Text>
        <Text size="sm">
          <strong>{t('verification.contact')}</strong> {item.contactEmail ?? '—'} · {item.contactPhone ?? '—'}
        </Text>
        {item.lastReview && (
          <Text size="sm" c="dimmed">
            {item.lastReview.note}
          </Text>
        )}
        <Textarea
          label={t('verification.noteLabel')}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          error={errors.note ?? errors.siteId}
          autosize
          minRows={1}
        />
        <Group gap="xs">
          <Button
            loading={busy}
            onClick={() =>
              run(() => verify.mutateAsync({ siteId: item.siteId, note }), t('verification.verified'))
            }
          >
            {t('verification.verify')}
          </Button>
          <Button
            variant="default"
            loading={busy}
            onClick={() => run(() => ask.mutateAsync({ siteId: item.siteId, note }), t('verification.asked'))}
          >
            {t('verification.ask')}
          </Button>
          <Button
            color="red"
            variant="light"
            loading={busy}
            onClick={() =>
              run(() => refuse.mutateAsync({ siteId: item.siteId, note }), t('verification.refused'))
            }
          >
            {t('verification.refuse')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
