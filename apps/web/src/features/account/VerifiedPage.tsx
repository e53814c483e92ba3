import { Alert, Button, Center, Group, Loader, Stack, Text, TextInput } from '@mantine/core';
import { emailSchema } from '@retaille/api/client';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { safeReturnPath, signInPath, useMe } from '../../lib/session.ts';
import { AuthCard } from './AuthCard.tsx';
import { ResendVerification } from './ResendVerification.tsx';

/** Where the e-mail verification link lands (better-auth has signed the user in, or adds `?error=`). */
export function VerifiedPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const returnTo = safeReturnPath(params.get('retour'));
  const me = useMe();

  if (params.get('error')) return <InvalidLink returnTo={returnTo} />;
  if (me.isPending) {
    return (
      <Center py="xl">
        <Loader aria-label="…" />
      </Center>
    );
  }
  const user = me.data;
  return (
    <AuthCard title={t('auth.verified.title')} titleId="verified-title">
      <Alert color="forest" variant="light" role="status">
        {t('auth.verified.text')}
      </Alert>
      {user ? (
        <>
          <Text>{t('auth.verified.signedInAs', { name: user.name })}</Text>
          <Group>
            {returnTo ? (
              <Button component={Link} to={returnTo}>
                {t('auth.verified.continue')}
              </Button>
            ) : (
              <>
                <Button component={Link} to="/sites/new">
                  {t('auth.verified.addSite')}
                </Button>
                <Button component={Link} to="/compte" variant="light">
                  {t('auth.verified.account')}
                </Button>
              </>
            )}
          </Group>
        </>
      ) : (
        <>
          <Text>{t('auth.verified.signInNow')}</Text>
          <Button component={Link} to={signInPath(returnTo)}>
            {t('nav.signIn')}
          </Button>
        </>
      )}
    </AuthCard>
  );
}

function InvalidLink({ returnTo }: { returnTo: string | null }) {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const valid = emailSchema.safeParse(email.trim()).success;
  return (
    <AuthCard title={t('auth.verified.invalidTitle')} titleId="verified-invalid-title">
      <Alert color="wood" role="alert">
        {t('auth.verified.invalidText')}
      </Alert>
      <Stack gap="xs">
        <TextInput
          label={t('auth.email')}
          type="email"
          autoComplete="email"
          value={email}
          onChange={(e) => setEmail(e.currentTarget.value)}
        />
        {valid && <ResendVerification email={email.trim()} returnTo={returnTo} />}
      </Stack>
    </AuthCard>
  );
}
