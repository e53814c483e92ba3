import { Alert, Anchor, Button, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { passwordSchema, signUpSchema } from '@retaille/api/client';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useSearchParams } from 'react-router';
import { z } from 'zod';
import { DevOutboxLink } from '../../components/DevOutboxLink.tsx';
import { currentLocale } from '../../i18n/i18n.ts';
import { safeReturnPath, signInPath, useMe } from '../../lib/session.ts';
import { validateWith } from '../../lib/validate.ts';
import { AuthCard } from './AuthCard.tsx';
import { type AuthResult, authApi, authErrorMessage, verificationCallback } from './authApi.ts';
import { PasswordRules } from './PasswordRules.tsx';
import { ResendVerification } from './ResendVerification.tsx';

const passwordOnly = z.object({ password: passwordSchema });

export function SignUpPage() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const [params] = useSearchParams();
  const returnTo = safeReturnPath(params.get('retour'));
  const me = useMe();
  const [error, setError] = useState<'fix' | Extract<AuthResult, { ok: false }> | null>(null);
  const form = useForm({
    mode: 'controlled',
    initialValues: { name: '', email: '', password: '' },
    onValuesChange: () => setError(null),
  });
  const [pending, setPending] = useState(false);
  const [sentTo, setSentTo] = useState<string | null>(null);

  const onSubmit = form.onSubmit(async (values) => {
    setError(null);
    const checked = validateWith(signUpSchema, values, locale);
    if (!checked.ok) {
      const errors = { ...checked.errors };
      // With no valid e-mail yet, "must not contain your e-mail" is noise: keep the password's own rules.
      if (errors.email) {
        const pw = validateWith(passwordOnly, { password: values.password }, locale);
        if (pw.ok) delete errors.password;
        else errors.password = pw.errors.password ?? errors.password!;
      }
      form.setErrors(errors);
      setError('fix');
      return;
    }
    setPending(true);
    const r = await authApi.signUp({ ...checked.data, callbackURL: verificationCallback(returnTo) });
    setPending(false);
    if (r.ok) {
      setSentTo(checked.data.email);
      return;
    }
    const message = authErrorMessage(r, t);
    if (r.code.startsWith('PASSWORD_')) form.setFieldError('password', message);
    else if (r.code === 'INVALID_EMAIL') form.setFieldError('email', message);
    setError(r);
  });

  if (sentTo) return <CheckInbox email={sentTo} returnTo={returnTo} />;
  if (me.data) return <Navigate to={returnTo ?? '/compte'} replace />;

  return (
    <AuthCard title={t('auth.signUp.title')} lead={t('auth.signUp.lead')} titleId="sign-up-title">
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          {error && (
            <Alert color="red" role="alert">
              {error === 'fix' ? t('auth.fixErrors') : authErrorMessage(error, t)}
            </Alert>
          )}
          <TextInput
            label={t('auth.name')}
            description={t('auth.nameHelp')}
            autoComplete="name"
            withAsterisk
            maxLength={100}
            {...form.getInputProps('name')}
          />
          <TextInput
            label={t('auth.email')}
            type="email"
            autoComplete="email"
            inputMode="email"
            withAsterisk
            maxLength={254}
            {...form.getInputProps('email')}
          />
          <PasswordInput
            label={t('auth.password')}
            autoComplete="new-password"
            withAsterisk
            aria-describedby="sign-up-password-rules"
            {...form.getInputProps('password')}
          />
          <PasswordRules
            id="sign-up-password-rules"
            password={form.values.password}
            email={form.values.email}
          />
          <Button type="submit" loading={pending} size="md" fullWidth>
            {t('auth.signUp.submit')}
          </Button>
          <Text size="sm" ta="center">
            {t('auth.signUp.haveAccount')}{' '}
            <Anchor component={Link} to={signInPath(returnTo)}>
              {t('nav.signIn')}
            </Anchor>
          </Text>
        </Stack>
      </form>
    </AuthCard>
  );
}

/** After sign-up: the account is only usable once the e-mail is confirmed. */
function CheckInbox({ email, returnTo }: { email: string; returnTo: string | null }) {
  const { t } = useTranslation();
  return (
    <AuthCard title={t('auth.signUp.checkTitle')} titleId="check-inbox-title">
      <Text role="status">{t('auth.signUp.checkText', { email })}</Text>
      <Text size="sm" c="dimmed">
        {t('auth.signUp.checkSpam')}
      </Text>
      <DevOutboxLink to={email} />
      <ResendVerification email={email} returnTo={returnTo} />
      <Anchor component={Link} to={signInPath(returnTo)} size="sm" ta="center">
        {t('auth.signUp.alreadyHave')}
      </Anchor>
    </AuthCard>
  );
}
