import {
  Alert,
  Anchor,
  Badge,
  Button,
  Container,
  Fieldset,
  Group,
  Stack,
  Switch,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { updateProfileInput } from '@retaille/api/client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DemoBadge } from '../../components/DemoBadge.tsx';
import { RequireAuth } from '../../components/RequireAuth.tsx';
import { currentLocale } from '../../i18n/i18n.ts';
import { fieldErrorsOf, messageOf } from '../../lib/errors.ts';
import { type SignedIn, useSignOut } from '../../lib/session.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { validateWith } from '../../lib/validate.ts';
import { CommuneSelect } from './CommuneSelect.tsx';

export function AccountPage() {
  return <RequireAuth>{(me) => <AccountForm me={me} />}</RequireAuth>;
}

function AccountForm({ me }: { me: SignedIn }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const signOut = useSignOut();
  const initialCommune = me.home?.communeInsee ?? null;
  const form = useForm({
    mode: 'controlled',
    initialValues: {
      name: me.name,
      designer: me.roles.includes('designer'),
      homeCommuneInsee: initialCommune,
    },
  });
  const [formError, setFormError] = useState<string | null>(null);
  const update = useMutation(trpc.account.updateProfile.mutationOptions());

  const onSubmit = form.onSubmit(async (values) => {
    setFormError(null);
    const input = {
      name: values.name,
      designer: values.designer,
      ...(values.homeCommuneInsee !== initialCommune ? { homeCommuneInsee: values.homeCommuneInsee } : {}),
    };
    const checked = validateWith(updateProfileInput, input, locale);
    if (!checked.ok) {
      form.setErrors(checked.errors);
      return;
    }
    try {
      const next = await update.mutateAsync(checked.data);
      queryClient.setQueryData(trpc.account.me.queryKey(), next);
      form.resetDirty();
      notifications.show({ color: 'forest', message: t('account.saved') });
    } catch (error) {
      form.setErrors(fieldErrorsOf(error, locale));
      setFormError(messageOf(error, locale, t('errors.generic')));
    }
  });

  const scope = me.coordinatorScope;
  const scopeList = [...scope.departements, ...scope.regions].join(', ');

  return (
    <Container size="sm">
      <Stack gap="lg">
        <Group gap="sm">
          <Title order={1}>{t('account.title')}</Title>
          {me.isDemo && <DemoBadge />}
        </Group>
        <form onSubmit={onSubmit} noValidate aria-label={t('account.title')}>
          <Stack gap="lg">
            {formError && (
              <Alert color="red" role="alert">
                {formError}
              </Alert>
            )}
            <Fieldset legend={t('account.identity')}>
              <Stack>
                <div>
                  <Text size="sm" fw={500}>
                    {t('account.email')}
                  </Text>
                  <Group gap="xs">
                    <Text>{me.email}</Text>
                    {me.emailVerified && (
                      <Badge color="forest" variant="light" size="sm">
                        {t('account.emailVerified')}
                      </Badge>
                    )}
                  </Group>
                </div>
                <TextInput
                  label={t('account.name')}
                  autoComplete="name"
                  withAsterisk
                  maxLength={100}
                  {...form.getInputProps('name')}
                />
                <div>
                  <Text size="sm" fw={500}>
                    {t('account.roles')}
                  </Text>
                  <Group gap={6} mt={4}>
                    {me.roles.length === 0 && me.sites.length > 0 && (
                      <Badge variant="outline" color="gray">
                        {t('account.noRole')}
                      </Badge>
                    )}
                    {me.roles.map((r) => (
                      <Badge key={r} variant="light" color={r === 'designer' ? 'wood' : 'forest'}>
                        {t(`roles.${r}`)}
                      </Badge>
                    ))}
                  </Group>
                  {me.roles.includes('coordinator') && (
                    <Text size="sm" c="dimmed" mt={4}>
                      {scopeList ? t('account.scopeSome', { list: scopeList }) : t('account.scopeAll')}
                    </Text>
                  )}
                </div>
              </Stack>
            </Fieldset>
            <Fieldset legend={t('account.designerTitle')}>
              <Stack>
                <Switch
                  label={t('account.designer')}
                  description={t('account.designerHelp')}
                  {...form.getInputProps('designer', { type: 'checkbox' })}
                />
                <CommuneSelect
                  label={t('account.home')}
                  description={t('account.homeHelp')}
                  value={form.values.homeCommuneInsee}
                  initial={
                    me.home?.communeInsee
                      ? { value: me.home.communeInsee, label: me.home.communeName ?? me.home.communeInsee }
                      : null
                  }
                  onChange={(v) => form.setFieldValue('homeCommuneInsee', v)}
                  error={(form.errors.homeCommuneInsee ?? form.errors.homeLat) as string | undefined}
                />
              </Stack>
            </Fieldset>
            <Group justify="flex-end">
              <Button type="submit" loading={update.isPending}>
                {t('account.save')}
              </Button>
            </Group>
          </Stack>
        </form>
        <Fieldset legend={t('account.security')}>
          <Group justify="space-between">
            <Anchor component={Link} to="/mot-de-passe-oublie" size="sm">
              {t('account.changePassword')}
            </Anchor>
            <Button variant="default" onClick={() => signOut.mutate(undefined)} loading={signOut.isPending}>
              {t('nav.signOut')}
            </Button>
          </Group>
        </Fieldset>
      </Stack>
    </Container>
  );
}
