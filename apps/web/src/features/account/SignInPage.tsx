import { Alert, Anchor, Button, Group, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { signInSchema } from '@retaille/api/client';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { DevOutboxLink } from '../../components/DevOutboxLink.tsx';
import { currentLocale } from '../../i18n/i18n.ts';
import { safeReturnPath, signUpPath, useMe, useSessionChanged } from '../../lib/session.ts';
import { validateWith } from '../../lib/validate.ts';
import { AuthCard } from './AuthCard.tsx';
import { type AuthResult, authApi, authErrorMessage, verificationCallback } from './authApi.ts';
import { ResendVerification } from './ResendVerification.tsx';

type Problem =
  | { kind: 'error'; result: Extract<AuthResult, { ok: false }> }
  | { kind: 'unverified'; email: string };

export function SignInPage() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const navigate = useNavigate();
  const sessionChanged = useSessionChanged();
  const [params] = useSearchParams();
  const returnTo = safeReturnPath(params.get('retour'));
  const me = useMe();
  const form = useForm({ mode: 'controlled', initialValues: { email: '', password: '' } });
  const [problem, setProblem] = useState<Problem | null>(null);
  const [pending, setPending] = useState(false);

  const onSubmit = form.onSubmit(async (values) => {
    setProblem(null);
    const checked = validateWith(signInSchema, values, locale);
    if (!checked.ok) {
      form.setErrors(checked.errors);
      return;
    }
    setPending(true);
    const r = await authApi.signIn({ ...checked.data, callbackURL: verificationCallback(returnTo) });
    if (r.ok) {
      await sessionChanged();
      setPending(false);
      const name = (r.data as { user?: { name?: string } } | null)?.user?.name;
      if (name) notifications.show({ color: 'forest', message: t('auth.signIn.welcome', { name }) });
      navigate(returnTo ?? '/', { replace: true });
      return;
    }
    setPending(false);
    if (r.code === 'EMAIL_NOT_VERIFIED') setProblem({ kind: 'unverified', email: checked.data.email });
    else setProblem({ kind: 'error', result: r });
  });

  // Already signed in (or just now): go where the visitor was heading.
  if (me.data) return <Navigate to={returnTo ?? '/'} replace />;

  return (
    <AuthCard title={t('auth.signIn.title')} lead={t('auth.signIn.lead')} titleId="sign-in-title">
      {returnTo && !problem && (
        <Alert color="forest" variant="light">
          {t('auth.signIn.needed')}
        </Alert>
      )}
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          {problem?.kind === 'error' && (
            <Alert color="red" role="alert" data-testid="sign-in-error">
              {authErrorMessage(problem.result, t)}
            </Alert>
          )}
          {problem?.kind === 'unverified' && (
            <Alert
              color="wood"
              role="alert"
              title={t('auth.signIn.unverifiedTitle')}
              data-testid="sign-in-error"
            >
              <Stack gap="xs">
                <Text size="sm">{t('auth.signIn.unverifiedText')}</Text>
                <DevOutboxLink to={problem.email} bare />
                <ResendVerification email={problem.email} returnTo={returnTo} />
              </Stack>
            </Alert>
          )}
          <TextInput
            label={t('auth.email')}
            type="email"
            autoComplete="username"
            inputMode="email"
            withAsterisk
            maxLength={254}
            {...form.getInputProps('email')}
          />
          <PasswordInput
            label={t('auth.password')}
            autoComplete="current-password"
            withAsterisk
            {...form.getInputProps('password')}
          />
          <Group justify="flex-end" mt={-8}>
            <Anchor component={Link} to="/mot-de-passe-oublie" size="sm">
              {t('auth.signIn.forgot')}
            </Anchor>
          </Group>
          <Button type="submit" loading={pending} size="md" fullWidth>
            {t('auth.signIn.submit')}
          </Button>
          <Text size="sm" ta="center">
            {t('auth.signIn.noAccount')}{' '}
            <Anchor component={Link} to={signUpPath(returnTo)}>
              {t('nav.signUp')}
            </Anchor>
          </Text>
        </Stack>
      </form>
    </AuthCard>
  );
}
