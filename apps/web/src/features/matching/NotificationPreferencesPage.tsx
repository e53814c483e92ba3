/** /notifications/preferences: per kind of event, immediate e-mail, daily digest or in-app only. */
import {
  Anchor,
  Card,
  Center,
  Container,
  Loader,
  NativeSelect,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { notifications as toast } from '@mantine/notifications';
import type { NotificationPreference } from '@retaille/api/client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { QueryError } from '../../components/QueryError.tsx';
import { RequireAuth } from '../../components/RequireAuth.tsx';
import { currentLocale } from '../../i18n/i18n.ts';
import { messageOf } from '../../lib/errors.ts';
import { useTRPC } from '../../lib/trpc.ts';

type EmailMode = NotificationPreference['mode'];
type PreferenceKind = NotificationPreference['kind'];
const MODES: EmailMode[] = ['immediate', 'digest', 'in_app'];

function Preferences() {
  const { t } = useTranslation('matching');
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const locale = currentLocale();
  const prefs = useQuery(trpc.notifications.preferences.queryOptions());
  const save = useMutation(
    trpc.notifications.setPreferences.mutationOptions({
      onSuccess: (data) => {
        queryClient.setQueryData(trpc.notifications.preferences.queryKey(), data);
        toast.show({ message: t('preferences.saved'), color: 'forest' });
      },
      onError: (e) => toast.show({ color: 'red', message: messageOf(e, locale, t('common.retry')) }),
    }),
  );
  const change = (kind: PreferenceKind, mode: EmailMode) => save.mutate({ changes: [{ kind, mode }] });

  return (
    <Container size="md">
      <Stack gap="md">
        <Stack gap={4}>
          <Title order={1}>{t('preferences.title')}</Title>
          <Text c="dimmed">{t('preferences.intro')}</Text>
          <Anchor component={Link} to="/notifications" size="sm">
            ← {t('notifications.title')}
          </Anchor>
        </Stack>
        {prefs.isPending ? (
          <Center py="xl">
            <Loader aria-label={t('common.loading')} />
          </Center>
        ) : prefs.isError ? (
          <QueryError error={prefs.error} onRetry={() => void prefs.refetch()} />
        ) : (
          <Card withBorder padding={0} bg="white">
            <Table.ScrollContainer minWidth={480}>
              <Table verticalSpacing="sm" horizontalSpacing="md" data-testid="notification-preferences">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('preferences.kindColumn')}</Table.Th>
                    <Table.Th scope="col">{t('preferences.modeColumn')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {prefs.data.map((p) => {
                    const id = `pref-${p.kind}`;
                    return (
                      <Table.Tr key={p.kind}>
                        <Table.Th scope="row" fw={500}>
                          <label htmlFor={id}>{t(`preferences.kind.${p.kind}`)}</label>
                        </Table.Th>
                        <Table.Td>
                          <NativeSelect
                            id={id}
                            value={p.mode}
                            disabled={save.isPending}
                            onChange={(e) => change(p.kind, e.currentTarget.value as EmailMode)}
                            data={MODES.map((m) => ({
                              value: m,
                              label:
                                p.isDefault && m === p.mode
                                  ? `${t(`preferences.${m}`)} (${t('preferences.byDefault')})`
                                  : t(`preferences.${m}`),
                            }))}
                          />
                        </Table.Td>
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Card>
        )}
      </Stack>
    </Container>
  );
}

export function NotificationPreferencesPage() {
  return <RequireAuth>{() => <Preferences />}</RequireAuth>;
}
