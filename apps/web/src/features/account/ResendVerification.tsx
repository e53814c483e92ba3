import { Alert, Button, Stack } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { authApi, authErrorMessage, verificationCallback } from './authApi.ts';

/** Sends the e-mail confirmation link again (the answer never says whether the account exists). */
export function ResendVerification({ email, returnTo }: { email: string; returnTo: string | null }) {
  const { t } = useTranslation();
  const [result, setResult] = useState<{ ok: boolean; message: string } | null>(null);
  const [pending, setPending] = useState(false);
  const resend = async () => {
    setPending(true);
    const r = await authApi.sendVerification({ email, callbackURL: verificationCallback(returnTo) });
    setPending(false);
    setResult(
      r.ok ? { ok: true, message: t('auth.signUp.resent') } : { ok: false, message: authErrorMessage(r, t) },
    );
  };
  return (
    <Stack gap="xs">
      {result && (
        <Alert color={result.ok ? 'forest' : 'red'} variant="light" role="status">
          {result.message}
        </Alert>
      )}
      <Button variant="light" onClick={() => void resend()} loading={pending}>
        {t('auth.signUp.resend')}
      </Button>
    </Stack>
  );
}
