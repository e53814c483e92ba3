import { Button, Group, Select, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryError } from '../../components/QueryError.tsx';
import { currentLocale } from '../../i18n/i18n.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { dateTime } from './api.ts';
import { useAction } from './useAction.ts';

type Kind = 'lot' | 'site' | 'account';

/** Hide a lot, suspend a site or an account (with a reason), and lift it again. */
export function ModerationSection() {
  const { t } = useTranslation('operations');
  const locale = currentLocale();
  const trpc = useTRPC();
  const holds = useQuery(trpc.operations.moderation.list.queryOptions());
  const hold = useMutation(trpc.operations.moderation.hold.mutationOptions());
  const lift = useMutation(trpc.operations.moderation.lift.mutationOptions());
  const { run, errors, busy } = useAction();
  const [kind, setKind] = useState<Kind>('lot');
  const [subjectId, setSubjectId] = useState('');
  const [reason, setReason] = useState('');
  return (
    <Stack>
      <Title order={2} size="h3">
        {t('moderation.new')}
      </Title>
      <Group align="flex-end" wrap="wrap">
        <Select
          label={t('moderation.kind')}
          data={(['lot', 'site', 'account'] as const).map((k) => ({
            value: k,
            label: t(`moderation.kinds.${k}`),
          }))}
          value={kind}
          onChange={(v) => v && setKind(v as Kind)}
          allowDeselect={false}
          w={180}
        />
        <TextInput
          label={t('moderation.subjectId')}
          description={t('moderation.subjectHelp')}
          value={subjectId}
          onChange={(e) => setSubjectId(e.currentTarget.value)}
          error={errors.subjectId}
          w={320}
        />
        <Textarea
          label={t('moderation.reason')}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          error={errors.reason}
          autosize
          minRows={1}
          style={{ flex: 1, minWidth: 220 }}
        />
        <Button
          color="red"
          loading={busy}
          onClick={() =>
            run(() => hold.mutateAsync({ subjectKind: kind, subjectId, reason }), t('moderation.held'))
          }
        >
          {t('moderation.hold')}
        </Button>
      </Group>
      {holds.error && <QueryError error={holds.error} />}
      {holds.data && holds.data.length === 0 && <Text>{t('moderation.none')}</Text>}
      {holds.data && holds.data.length > 0 && (
        <Table.ScrollContainer minWidth={640}>
          <Table striped aria-label={t('moderation.inForce')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('moderation.kind')}</Table.Th>
                <Table.Th>{t('moderation.subject')}</Table.Th>
                <Table.Th>{t('moderation.reason')}</Table.Th>
                <Table.Th>{t('moderation.since')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {holds.data.map((h) => (
                <Table.Tr key={h.id}>
                  <Table.Td>{t(`moderation.kinds.${h.subjectKind}`)}</Table.Td>
                  <Table.Td>{h.subjectLabel}</Table.Td>
                  <Table.Td>{h.reason}</Table.Td>
                  <Table.Td>{dateTime(h.createdAt, locale)}</Table.Td>
                  <Table.Td>
                    <Button
                      size="xs"
                      variant="default"
                      onClick={() =>
                        run(
                          () =>
                            lift.mutateAsync({
                              subjectKind: h.subjectKind,
                              subjectId: h.subjectId,
                              reason: reason || t('moderation.liftedNote'),
                            }),
                          t('moderation.lifted'),
                        )
                      }
                    >
                      {t('moderation.lift')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
