import { Alert, Anchor, Button, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { requestResetSchema } from '@retaille/api/client';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DevOutboxLink } from '../../components/DevOutboxLink.tsx';
import { currentLocale } from '../../i18n/i18n.ts';
import { validateWith } from '../../lib/validate.ts';
import { AuthCard } from './AuthCard.tsx';
import { authApi, authErrorMessage } from './authApi.ts';

export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const form = useForm({ mode: 'controlled', initialValues: { email: '' } });
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [sentTo, setSentTo] = useState<string | null>(null);

  const onSubmit = form.onSubmit(async (values) => {
    setError(null);
    const checked = validateWith(requestResetSchema, values, locale);
    if (!checked.ok) {
      form.setErrors(checked.errors);
      return;
    }
    setPending(true);
    const r = await authApi.requestReset(checked.data.email);
    setPending(false);
    if (r.ok) setSentTo(checked.data.email);
    else setError(authErrorMessage(r, t));
  });

  if (sentTo) {
    return (
      <AuthCard title={t('auth.forgot.sentTitle')} titleId="forgot-sent-title">
        <Alert color="forest" variant="light" role="status">
          {t('auth.forgot.sentText', { email: sentTo })}
        </Alert>
        <DevOutboxLink to={sentTo} />
        <Anchor component={Link} to="/connexion" size="sm">
          ← {t('auth.forgot.back')}
        </Anchor>
      </AuthCard>
    );
  }

  return (
    <AuthCard title={t('auth.forgot.title')} lead={t('auth.forgot.lead')} titleId="forgot-title">
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          {error && (
            <Alert color="red" role="alert">
              {error}
            </Alert>
          )}
          <TextInput
            label={t('auth.email')}
            type="email"
            autoComplete="email"
            inputMode="email"
            withAsterisk
            maxLength={254}
            {...form.getInputProps('email')}
          />
          <Button type="submit" loading={pending} size="md" fullWidth>
            {t('auth.forgot.submit')}
          </Button>
          <Anchor component={Link} to="/connexion" size="sm">
            ← {t('auth.forgot.back')}
          </Anchor>
        </Stack>
      </form>
    </AuthCard>
  );
}
