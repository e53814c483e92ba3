import { Group, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryError } from '../../components/QueryError.tsx';
import { currentLocale } from '../../i18n/i18n.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { dateTime } from './api.ts';

const KINDS = [
  'dispute.resolve',
  'payment.retry',
  'payment.settleOffPlatform',
  'site.verify',
  'site.refuse',
  'site.requestInfo',
  'moderation.hold',
  'moderation.lift',
  'roles.set',
  'fee.set',
  'factors.import',
] as const;
type Kind = (typeof KINDS)[number];
const isDate = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s);

/** Every operator action, newest first, filtered by who, what and when. */
export function AuditSection() {
  const { t } = useTranslation('operations');
  const locale = currentLocale();
  const trpc = useTRPC();
  const [kind, setKind] = useState<Kind | null>(null);
  const [actor, setActor] = useState<string | null>(null);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const holders = useQuery(trpc.operations.roles.list.queryOptions());
  const log = useQuery(
    trpc.operations.audit.list.queryOptions({
      ...(kind ? { kind } : {}),
      ...(actor ? { actorUserId: actor } : {}),
      ...(isDate(from) ? { from } : {}),
      ...(isDate(to) ? { to } : {}),
      limit: 200,
    }),
  );
  return (
    <Stack>
      <Group align="flex-end" wrap="wrap">
        <Select
          label={t('audit.kind')}
          data={KINDS.map((k) => ({ value: k, label: t(`audit.kinds.${k}`) }))}
          value={kind}
          onChange={(v) => setKind(v as Kind | null)}
          clearable
          w={240}
        />
        <Select
          label={t('audit.actor')}
          data={(holders.data ?? [])
            .filter((h) => h.roles.includes('admin') || h.roles.includes('coordinator'))
            .map((h) => ({ value: h.userId, label: h.name }))}
          value={actor}
          onChange={setActor}
          clearable
          w={220}
        />
        <TextInput
          label={t('audit.from')}
          type="date"
          value={from}
          onChange={(e) => setFrom(e.currentTarget.value)}
          w={170}
        />
        <TextInput
          label={t('audit.to')}
          type="date"
          value={to}
          onChange={(e) => setTo(e.currentTarget.value)}
          w={170}
        />
      </Group>
      {log.error && <QueryError error={log.error} />}
      {log.data && log.data.length === 0 && <Text>{t('audit.none')}</Text>}
      {log.data && log.data.length > 0 && (
        <Table.ScrollContainer minWidth={720}>
          <Table striped aria-label={t('tabs.audit')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('audit.when')}</Table.Th>
                <Table.Th>{t('audit.actor')}</Table.Th>
                <Table.Th>{t('audit.kind')}</Table.Th>
                <Table.Th>{t('audit.subject')}</Table.Th>
                <Table.Th>{t('note')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {log.data.map((e) => (
                <Table.Tr key={e.id}>
                  <Table.Td>{dateTime(e.at, locale)}</Table.Td>
                  <Table.Td>{e.actorName ?? '—'}</Table.Td>
                  <Table.Td>{t(`audit.kinds.${e.kind}`, { defaultValue: e.kind })}</Table.Td>
                  <Table.Td>
                    {e.subjectKind} {e.subjectId.slice(0, 8)}
                  </Table.Td>
                  <Table.Td>{e.note}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
