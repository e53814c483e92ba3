import {
  Alert,
  Anchor,
  Button,
  Center,
  Container,
  Group,
  Loader,
  Paper,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { QueryError } from '../../components/QueryError.tsx';
import { currentLocale } from '../../i18n/i18n.ts';
import { messageOf } from '../../lib/errors.ts';
import { signInPath, signUpPath, useMe, useSignOut } from '../../lib/session.ts';
import { useTRPC } from '../../lib/trpc.ts';

/** An invitation link: what it is about, and accepting it with the invited address. */
export function InvitationPage() {
  const { token = '' } = useParams();
  const { t } = useTranslation();
  const locale = currentLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const me = useMe();
  const signOut = useSignOut();
  const preview = useQuery({ ...trpc.invitations.get.queryOptions({ token }), retry: false });
  const accept = useMutation(trpc.invitations.accept.mutationOptions());
  const here = `/invitations/${token}`;

  if (preview.isPending || me.isPending) {
    return (
      <Center py="xl">
        <Loader aria-label={t('common.loading')} />
      </Center>
    );
  }
  if (preview.isError) {
    const code = (preview.error.data as { code?: string } | undefined)?.code;
    return (
      <Container size="sm">
        {code === 'NOT_FOUND' || code === 'BAD_REQUEST' ? (
          <Alert color="gray" title={t('invitation.title')} role="alert">
            {t('invitation.notFound')}
          </Alert>
        ) : (
          <QueryError error={preview.error} onRetry={() => void preview.refetch()} />
        )}
      </Container>
    );
  }

  const inv = preview.data;
  const user = me.data;
  const sameEmail = user && user.email.toLowerCase() === inv.email.toLowerCase();

  const onAccept = async () => {
    try {
      const r = await accept.mutateAsync({ token });
      await queryClient.invalidateQueries();
      notifications.show({ color: 'forest', message: t('invitation.accepted', { site: inv.siteName }) });
      navigate(`/sites/${r.siteId}`);
    } catch (error) {
      notifications.show({ color: 'red', message: messageOf(error, locale, t('errors.generic')) });
      await preview.refetch();
    }
  };

  return (
    <Container size="sm">
      <Paper withBorder p={{ base: 'lg', sm: 'xl' }} radius="lg">
        <Stack gap="md">
          <Title order={1} size="h2">
            {t('invitation.title')}
          </Title>
          <Text size="lg">
            {t('invitation.lead', {
              site: inv.siteName,
              commune: inv.communeName,
              role: t(`invitation.roleAs.${inv.role}`),
            })}
          </Text>
          <Text size="sm" c="dimmed">
            {t('invitation.addressedTo', { email: inv.email })}
          </Text>

          {inv.status !== 'pending' ? (
            <Alert color="wood" role="alert" data-testid="invitation-status">
              {t(`invitation.status.${inv.status}`)}
            </Alert>
          ) : !user ? (
            <Stack gap="sm">
              <Text>{t('invitation.signInToAccept', { email: inv.email })}</Text>
              <Group>
                <Button component={Link} to={signInPath(here)}>
                  {t('nav.signIn')}
                </Button>
                <Button component={Link} to={signUpPath(here)} variant="light">
                  {t('nav.signUp')}
                </Button>
              </Group>
              <Text size="sm" c="dimmed">
                {t('invitation.noAccount')}
              </Text>
            </Stack>
          ) : !sameEmail ? (
            <Alert color="wood" title={t('invitation.otherEmailTitle')} role="alert">
              <Stack gap="sm">
                <Text size="sm">{t('invitation.otherEmail', { current: user.email, email: inv.email })}</Text>
                <Group>
                  <Button
                    variant="white"
                    color="dark"
                    onClick={() => signOut.mutate({ to: signInPath(here) })}
                    loading={signOut.isPending}
                  >
                    {t('nav.signOut')}
                  </Button>
                </Group>
              </Stack>
            </Alert>
          ) : (
            <Group>
              <Button size="md" onClick={() => void onAccept()} loading={accept.isPending}>
                {t('invitation.accept')}
              </Button>
            </Group>
          )}
          {inv.status === 'accepted' && user && (
            <Anchor component={Link} to={`/sites/${inv.siteId}`}>
              {t('invitation.openSite')}
            </Anchor>
          )}
        </Stack>
      </Paper>
    </Container>
  );
}
