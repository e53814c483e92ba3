import {
  Alert,
  Anchor,
  Badge,
  Button,
  Center,
  Container,
  CopyButton,
  Group,
  Loader,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { inviteMemberInput } from '@retaille/api/client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { TRPCClientError } from '@trpc/client';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ConfirmButton } from '../../components/ConfirmButton.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { RequireAuth } from '../../components/RequireAuth.tsx';
import { currentLocale } from '../../i18n/i18n.ts';
import { fieldErrorsOf, messageOf } from '../../lib/errors.ts';
import { formatDate } from '../../lib/format.ts';
import type { SignedIn } from '../../lib/session.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { validateWith } from '../../lib/validate.ts';

type SiteRole = 'owner' | 'member';

export function SiteMembersPage() {
  return <RequireAuth>{(me) => <Members me={me} />}</RequireAuth>;
}

function Members({ me }: { me: SignedIn }) {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const locale = currentLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const site = useQuery({ ...trpc.sites.get.queryOptions({ id }), retry: false });
  const members = useQuery({ ...trpc.sites.members.list.queryOptions({ siteId: id }), retry: false });
  const canManage = site.data?.canEdit ?? false;
  const invitations = useQuery({
    ...trpc.sites.invitations.list.queryOptions({ siteId: id }),
    enabled: canManage,
    retry: false,
  });
  const setRole = useMutation(trpc.sites.members.setRole.mutationOptions());
  const revoke = useMutation(trpc.sites.invitations.revoke.mutationOptions());

  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.sites.pathKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.account.me.queryKey() }),
    ]);
  const fail = (error: unknown) =>
    notifications.show({ color: 'red', message: messageOf(error, locale, t('errors.generic')) });

  const changeRole = async (userId: string, role: SiteRole | null) => {
    try {
      await setRole.mutateAsync({ siteId: id, userId, role });
    } catch (error) {
      fail(error);
      return;
    }
    if (userId === me.userId && role === null) {
      notifications.show({ color: 'forest', message: t('members.left') });
      navigate('/mes-sites');
    } else {
      notifications.show({
        color: 'forest',
        message: role ? t('members.roleChanged') : t('members.removed'),
      });
    }
    await refresh();
  };

  if (site.isPending || members.isPending) {
    return (
      <Center py="xl">
        <Loader aria-label={t('common.loading')} />
      </Center>
    );
  }
  const error = site.error ?? members.error;
  if (error) {
    const notFound = error instanceof TRPCClientError && error.data?.code === 'NOT_FOUND';
    return (
      <Container size="md">
        <Stack>
          {notFound ? (
            <Alert color="gray" title={t('errors.notFoundTitle')}>
              {t('sites.notFound')}
            </Alert>
          ) : (
            <QueryError error={error} />
          )}
          <Anchor component={Link} to="/mes-sites">
            ← {t('nav.mySites')}
          </Anchor>
        </Stack>
      </Container>
    );
  }
  const siteName = site.data!.name;
  const owners = members.data!.filter((m) => m.role === 'owner').length;

  return (
    <Container size="md">
      <Stack gap="lg">
        <Anchor component={Link} to={`/sites/${id}`} size="sm">
          ← {t('members.back')}
        </Anchor>
        <Title order={1} fz={{ base: 'h3', sm: 'h2' }}>
          {t('members.title', { name: siteName })}
        </Title>
        {!canManage && (
          <Alert color="gray" variant="light">
            {t('members.readOnly')}
          </Alert>
        )}

        <Stack gap="xs" component="section" aria-labelledby="members-list-title">
          <Title order={2} size="h3" id="members-list-title">
            {t('members.list')}
          </Title>
          {members.data!.map((m) => {
            const self = m.userId === me.userId;
            // A site keeps at least one owner: the last one can neither leave nor be demoted.
            const lastOwner = m.role === 'owner' && owners === 1;
            return (
              <Paper key={m.userId} withBorder p="md" data-testid="member-row">
                <Group justify="space-between" gap="sm">
                  <div style={{ minWidth: 0 }}>
                    <Group gap={6}>
                      <Text fw={600}>{m.name}</Text>
                      {self && (
                        <Badge size="xs" variant="outline" color="gray">
                          {t('members.you')}
                        </Badge>
                      )}
                    </Group>
                    <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                      {m.email}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {t('members.joined', { date: formatDate(m.joinedAt, locale) })}
                    </Text>
                    {lastOwner && canManage && (
                      <Text size="xs" c="dimmed" fs="italic">
                        {t('members.lastOwner')}
                      </Text>
                    )}
                  </div>
                  <Group gap="xs" wrap="nowrap">
                    {canManage ? (
                      <Select
                        size="xs"
                        w={140}
                        aria-label={t('members.role', { name: m.name })}
                        data={(['owner', 'member'] as const).map((r) => ({
                          value: r,
                          label: t(`roles.${r}`),
                        }))}
                        value={m.role}
                        disabled={lastOwner}
                        allowDeselect={false}
                        onChange={(v) => v && v !== m.role && void changeRole(m.userId, v as SiteRole)}
                      />
                    ) : (
                      <Badge variant="light" color={m.role === 'owner' ? 'forest' : 'gray'}>
                        {t(`roles.${m.role}`)}
                      </Badge>
                    )}
                    {(canManage || self) && !lastOwner && (
                      <ConfirmButton
                        size="xs"
                        variant="light"
                        color="red"
                        label={self ? t('members.leave') : t('members.remove')}
                        title={
                          self
                            ? t('members.leaveTitle', { site: siteName })
                            : t('members.removeTitle', { name: m.name })
                        }
                        text={
                          self
                            ? t('members.leaveText')
                            : t('members.removeText', { name: m.name, site: siteName })
                        }
                        loading={setRole.isPending}
                        onConfirm={() => changeRole(m.userId, null)}
                      />
                    )}
                  </Group>
                </Group>
              </Paper>
            );
          })}
        </Stack>

        {canManage && (
          <>
            <InviteForm siteId={id} onInvited={() => invitations.refetch()} />
            <Stack gap="xs" component="section" aria-labelledby="pending-title">
              <Title order={2} size="h3" id="pending-title">
                {t('members.pending')}
              </Title>
              {invitations.isError && <QueryError error={invitations.error} />}
              {invitations.data?.length === 0 && (
                <Text c="dimmed" size="sm">
                  {t('members.noPending')}
                </Text>
              )}
              {invitations.data?.map((inv) => (
                <Paper key={inv.id} withBorder p="md" data-testid="invitation-row">
                  <Group justify="space-between" gap="sm">
                    <div style={{ minWidth: 0 }}>
                      <Group gap={6}>
                        <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
                          {inv.email}
                        </Text>
                        <Badge size="sm" variant="light" color={inv.role === 'owner' ? 'forest' : 'gray'}>
                          {t(`roles.${inv.role}`)}
                        </Badge>
                      </Group>
                      <Text size="xs" c="dimmed">
                        {t('members.expires', { date: formatDate(inv.expiresAt, locale) })}
                      </Text>
                    </div>
                    <ConfirmButton
                      size="xs"
                      variant="light"
                      color="red"
                      label={t('members.revoke')}
                      title={t('members.revokeTitle', { email: inv.email })}
                      text={t('members.revokeText')}
                      loading={revoke.isPending}
                      onConfirm={async () => {
                        try {
                          await revoke.mutateAsync({ invitationId: inv.id });
                          notifications.show({ color: 'forest', message: t('members.revoked') });
                        } catch (e) {
                          fail(e);
                        }
                        await invitations.refetch();
                      }}
                    />
                  </Group>
                </Paper>
              ))}
            </Stack>
          </>
        )}
      </Stack>
    </Container>
  );
}

function InviteForm({ siteId, onInvited }: { siteId: string; onInvited: () => unknown }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const trpc = useTRPC();
  const invite = useMutation(trpc.sites.invitations.create.mutationOptions());
  const form = useForm({ mode: 'controlled', initialValues: { email: '', role: 'member' as SiteRole } });
  const [error, setError] = useState<string | null>(null);
  const [link, setLink] = useState<{ email: string; url: string } | null>(null);

  const onSubmit = form.onSubmit(async (values) => {
    setError(null);
    const checked = validateWith(inviteMemberInput, { siteId, ...values }, locale);
    if (!checked.ok) {
      form.setErrors(checked.errors);
      return;
    }
    try {
      const r = await invite.mutateAsync(checked.data);
      setLink({ email: r.invitation.email, url: r.url });
      notifications.show({ color: 'forest', message: t('members.invited', { email: r.invitation.email }) });
      form.reset();
      onInvited();
    } catch (e) {
      const fields = fieldErrorsOf(e, locale);
      form.setErrors(fields);
      if (!fields.email) setError(messageOf(e, locale, t('errors.generic')));
    }
  });

  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="invite-title">
      <form onSubmit={onSubmit} noValidate aria-labelledby="invite-title">
        <Stack gap="sm">
          <div>
            <Title order={2} size="h3" id="invite-title">
              {t('members.invite')}
            </Title>
            <Text size="sm" c="dimmed">
              {t('members.inviteHelp')}
            </Text>
          </div>
          {error && (
            <Alert color="red" role="alert">
              {error}
            </Alert>
          )}
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
            <TextInput
              label={t('members.inviteEmail')}
              type="email"
              autoComplete="off"
              withAsterisk
              maxLength={254}
              {...form.getInputProps('email')}
            />
            <Select
              label={t('members.inviteRole')}
              data={(['member', 'owner'] as const).map((r) => ({ value: r, label: t(`roles.${r}`) }))}
              allowDeselect={false}
              {...form.getInputProps('role')}
            />
          </SimpleGrid>
          <Group justify="flex-end">
            <Button type="submit" loading={invite.isPending}>
              {t('members.inviteSubmit')}
            </Button>
          </Group>
          {link && (
            <Alert
              color="forest"
              variant="light"
              title={t('members.linkTitle')}
              data-testid="invitation-link"
            >
              <Stack gap="xs">
                <Text size="sm">{t('members.linkHelp')}</Text>
                <Group gap="xs" align="flex-end">
                  <TextInput
                    readOnly
                    value={link.url}
                    aria-label={t('members.linkTitle')}
                    style={{ flex: '1 1 260px', minWidth: 0 }}
                    onFocus={(e) => e.currentTarget.select()}
                  />
                  <CopyButton value={link.url}>
                    {({ copied, copy }) => (
                      <Button onClick={copy} color={copied ? 'wood' : 'forest'}>
                        {copied ? t('members.copied') : t('members.copy')}
                      </Button>
                    )}
                  </CopyButton>
                </Group>
              </Stack>
            </Alert>
          )}
        </Stack>
      </form>
    </Paper>
  );
}
