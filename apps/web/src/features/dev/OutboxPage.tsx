import {
  Alert,
  Anchor,
  Badge,
  Button,
  Center,
  Container,
  Group,
  Loader,
  Paper,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { emailSchema } from '@retaille/api/client';
import { useQuery } from '@tanstack/react-query';
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { currentLocale } from '../../i18n/i18n.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useTRPC } from '../../lib/trpc.ts';
import classes from './outbox.module.css';

/** Plain text with its http(s) links made clickable (no HTML is ever injected). */
function Linkified({ text }: { text: string }) {
  const parts = text.split(/(https?:\/\/[^\s<>"')]*[^\s<>"').,;:!?])/g);
  return (
    <>
      {parts.map((part, i) =>
        /^https?:\/\//.test(part) ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one fixed text
          <Anchor key={i} href={part} className={classes.link}>
            {part}
          </Anchor>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one fixed text
          <Fragment key={i}>{part}</Fragment>
        ),
      )}
    </>
  );
}

/** The development outbox: e-mails kept locally when no SMTP server is configured. */
export function OutboxPage() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const trpc = useTRPC();
  const [params, setParams] = useSearchParams();
  const [filter, setFilter] = useState(params.get('a') ?? '');
  const [debounced] = useDebouncedValue(filter.trim(), 300);
  const to = emailSchema.safeParse(debounced).success ? debounced : undefined;
  const outbox = useQuery({
    ...trpc.dev.outbox.queryOptions(to ? { to } : {}),
    retry: false,
    staleTime: 0,
    refetchInterval: 5_000,
  });

  const messages = [...(outbox.data ?? [])].sort((a, b) => b.createdAt.localeCompare(a.createdAt));

  return (
    <Container size="md">
      <Stack gap="lg">
        <div>
          <Title order={1}>{t('outbox.title')}</Title>
          <Text c="dimmed">{t('outbox.lead')}</Text>
        </div>
        <Group align="flex-end" gap="sm">
          <TextInput
            label={t('outbox.filter')}
            type="email"
            value={filter}
            onChange={(e) => {
              setFilter(e.currentTarget.value);
              setParams(e.currentTarget.value ? { a: e.currentTarget.value } : {}, { replace: true });
            }}
            style={{ flex: 1, minWidth: 220 }}
          />
          <Button variant="default" onClick={() => void outbox.refetch()} loading={outbox.isFetching}>
            {t('outbox.refresh')}
          </Button>
        </Group>
        {outbox.isError ? (
          <Alert color="gray" role="alert">
            {t('outbox.unavailable')}
          </Alert>
        ) : outbox.isPending ? (
          <Center py="xl">
            <Loader aria-label={t('common.loading')} />
          </Center>
        ) : messages.length === 0 ? (
          <Paper withBorder p="xl">
            <Text ta="center">{t('outbox.empty')}</Text>
          </Paper>
        ) : (
          <Stack gap="sm" data-testid="outbox">
            {messages.map((m) => (
              <Paper key={m.id} withBorder p="md" component="article" aria-label={m.subject}>
                <Stack gap={6}>
                  <Group justify="space-between" gap="xs" align="flex-start">
                    <Title order={2} size="h5" style={{ flex: 1, minWidth: 0 }}>
                      {m.subject}
                    </Title>
                    <Badge variant="light" color="wood" size="sm">
                      {t(`outbox.kinds.${m.kind}`, { defaultValue: m.kind })}
                    </Badge>
                  </Group>
                  <Text size="sm" c="dimmed">
                    {t('outbox.to', { to: m.to })} · {formatDateTime(m.createdAt, locale)}
                  </Text>
                  <Text size="sm" className={classes.body}>
                    <Linkified text={m.text} />
                  </Text>
                </Stack>
              </Paper>
            ))}
          </Stack>
        )}
      </Stack>
    </Container>
  );
}
