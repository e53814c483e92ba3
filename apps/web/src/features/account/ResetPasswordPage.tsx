import { Alert, Button, PasswordInput, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { resetPasswordSchema } from '@retaille/api/client';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { currentLocale } from '../../i18n/i18n.ts';
import { validateWith } from '../../lib/validate.ts';
import { AuthCard } from './AuthCard.tsx';
import { authApi, authErrorMessage } from './authApi.ts';
import { PasswordRules } from './PasswordRules.tsx';

/** Landing page of the e-mailed reset link: `?token=…`, or `?error=INVALID_TOKEN` when it is stale. */
export function ResetPasswordPage() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const [params] = useSearchParams();
  const token = params.get('token');
  const form = useForm({ mode: 'controlled', initialValues: { password: '', confirm: '' } });
  const [state, setState] = useState<'form' | 'invalid' | 'done'>(
    token && !params.get('error') ? 'form' : 'invalid',
  );
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  const onSubmit = form.onSubmit(async (values) => {
    setError(null);
    const checked = validateWith(resetPasswordSchema, { password: values.password }, locale);
    const errors = checked.ok ? {} : { ...checked.errors };
    if (values.confirm !== values.password) errors.confirm = t('auth.passwordsDiffer');
    if (Object.keys(errors).length > 0) {
      form.setErrors(errors);
      return;
    }
    setPending(true);
    const r = await authApi.resetPassword(token ?? '', values.password);
    setPending(false);
    if (r.ok) setState('done');
    else if (r.code === 'INVALID_TOKEN' || r.code === 'TOKEN_EXPIRED') setState('invalid');
    else {
      const message = authErrorMessage(r, t);
      if (r.code.startsWith('PASSWORD_')) form.setFieldError('password', message);
      setError(message);
    }
  });

  if (state === 'invalid') {
    return (
      <AuthCard title={t('auth.reset.invalidTitle')} titleId="reset-invalid-title">
        <Alert color="wood" role="alert">
          {t('auth.reset.invalidText')}
        </Alert>
        <Button component={Link} to="/mot-de-passe-oublie">
          {t('auth.reset.again')}
        </Button>
      </AuthCard>
    );
  }
  if (state === 'done') {
    return (
      <AuthCard title={t('auth.reset.doneTitle')} titleId="reset-done-title">
        <Text role="status">{t('auth.reset.doneText')}</Text>
        <Button component={Link} to="/connexion">
          {t('nav.signIn')}
        </Button>
      </AuthCard>
    );
  }
  return (
    <AuthCard title={t('auth.reset.title')} titleId="reset-title">
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          {error && (
            <Alert color="red" role="alert">
              {error}
            </Alert>
          )}
          <PasswordInput
            label={t('auth.newPassword')}
            autoComplete="new-password"
            withAsterisk
            aria-describedby="reset-password-rules"
            {...form.getInputProps('password')}
          />
          <PasswordRules id="reset-password-rules" password={form.values.password} />
          <PasswordInput
            label={t('auth.confirmPassword')}
            autoComplete="new-password"
            withAsterisk
            {...form.getInputProps('confirm')}
          />
          <Button type="submit" loading={pending} size="md" fullWidth>
            {t('auth.reset.submit')}
          </Button>
        </Stack>
      </form>
    </AuthCard>
  );
}
