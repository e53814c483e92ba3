import { Button, Checkbox, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryError } from '../../components/QueryError.tsx';
import { useTRPC } from '../../lib/trpc.ts';
import { useAction } from './useAction.ts';

type Role = 'designer' | 'coordinator' | 'admin';
const list = (s: string) =>
  s
    .split(/[,\s]+/)
    .map((x) => x.trim())
    .filter(Boolean);

/** Grant or revoke the coordinator and admin roles (by e-mail), with the coordinator's scope. */
export function RolesSection() {
  const { t } = useTranslation('operations');
  const trpc = useTRPC();
  const holders = useQuery(trpc.operations.roles.list.queryOptions());
  const set = useMutation(trpc.operations.roles.set.mutationOptions());
  const { run, errors, busy } = useAction();
  const [email, setEmail] = useState('');
  const [roles, setRoles] = useState<Role[]>([]);
  const [departements, setDepartements] = useState('');
  const [regions, setRegions] = useState('');
  return (
    <Stack>
      {holders.error && <QueryError error={holders.error} />}
      {holders.data && (
        <Table.ScrollContainer minWidth={560}>
          <Table striped aria-label={t('tabs.roles')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('roles.name')}</Table.Th>
                <Table.Th>{t('roles.email')}</Table.Th>
                <Table.Th>{t('roles.roles')}</Table.Th>
                <Table.Th>{t('roles.scope')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {holders.data.map((h) => (
                <Table.Tr key={h.userId}>
                  <Table.Td>{h.name}</Table.Td>
                  <Table.Td>{h.email}</Table.Td>
                  <Table.Td>{h.roles.map((r) => t(`roles.role.${r}`)).join(', ')}</Table.Td>
                  <Table.Td>{[...h.departements, ...h.regions].join(', ') || t('roles.everywhere')}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Title order={2} size="h3">
        {t('roles.change')}
      </Title>
      <Text size="sm" c="dimmed">
        {t('roles.help')}
      </Text>
      <Group align="flex-end" wrap="wrap">
        <TextInput
          label={t('roles.email')}
          type="email"
          value={email}
          onChange={(e) => setEmail(e.currentTarget.value)}
          error={errors.email}
          w={280}
        />
        <Checkbox.Group label={t('roles.roles')} value={roles} onChange={(v) => setRoles(v as Role[])}>
          <Group gap="sm" mt={4}>
            {(['designer', 'coordinator', 'admin'] as const).map((r) => (
              <Checkbox key={r} value={r} label={t(`roles.role.${r}`)} />
            ))}
          </Group>
        </Checkbox.Group>
        <TextInput
          label={t('roles.departements')}
          value={departements}
          onChange={(e) => setDepartements(e.currentTarget.value)}
          w={180}
        />
        <TextInput
          label={t('roles.regions')}
          value={regions}
          onChange={(e) => setRegions(e.currentTarget.value)}
          w={140}
        />
        <Button
          loading={busy}
          onClick={() =>
            run(
              () =>
                set.mutateAsync({
                  email,
                  roles,
                  departements: list(departements),
                  regions: list(regions),
                  note: '',
                }),
              t('roles.saved'),
            )
          }
        >
          {t('roles.save')}
        </Button>
      </Group>
    </Stack>
  );
}
