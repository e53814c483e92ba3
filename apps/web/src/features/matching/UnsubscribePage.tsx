/**
 * /notifications/desabonnement?jeton=…: the link of every notice e-mail. Works signed out; the
 * change happens on a click (mail scanners that open links change nothing).
 */
import { Alert, Anchor, Button, Card, Container, Stack, Text, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useTRPC } from '../../lib/trpc.ts';

/** A label inside a sentence: « … (une demande sur un de mes lots) ». */
const lowerFirst = (text: string) => text.charAt(0).toLocaleLowerCase() + text.slice(1);

export function UnsubscribePage() {
  const { t } = useTranslation('matching');
  const trpc = useTRPC();
  const [params] = useSearchParams();
  const token = params.get('jeton') ?? '';
  const run = useMutation(trpc.notifications.unsubscribe.mutationOptions());
  const what = run.data
    ? run.data.scope === 'all'
      ? t('unsubscribe.all')
      : lowerFirst(t(`preferences.kind.${run.data.scope}`))
    : '';

  return (
    <Container size="sm">
      <Card withBorder padding="lg" bg="white" mt="md">
        <Stack gap="md">
          <Title order={1}>{t('unsubscribe.title')}</Title>
          {run.isSuccess ? (
            <Alert color="forest" role="status" data-testid="unsubscribed">
              {t('unsubscribe.done', { what })}
            </Alert>
          ) : run.isError || token === '' ? (
            <Alert color="red" role="alert">
              {t('unsubscribe.invalid')}
            </Alert>
          ) : (
            <>
              <Text>{t('unsubscribe.intro')}</Text>
              <Button onClick={() => run.mutate({ token })} loading={run.isPending} w="fit-content">
                {t('unsubscribe.confirm')}
              </Button>
            </>
          )}
          <Anchor component={Link} to="/notifications/preferences" size="sm">
            {t('unsubscribe.settings')}
          </Anchor>
        </Stack>
      </Card>
    </Container>
  );
}
