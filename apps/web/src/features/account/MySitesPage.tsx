import { Badge, Button, Card, Container, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { RequireAuth } from '../../components/RequireAuth.tsx';
import type { SignedIn } from '../../lib/session.ts';
import { useSetActiveSite } from './useActiveSite.ts';

export function MySitesPage() {
  return <RequireAuth>{(me) => <MySites me={me} />}</RequireAuth>;
}

function MySites({ me }: { me: SignedIn }) {
  const { t } = useTranslation();
  const setActive = useSetActiveSite();
  return (
    <Container size="lg">
      <Stack gap="lg">
        <Group justify="space-between" align="flex-end">
          <div>
            <Title order={1}>{t('mySites.title')}</Title>
            <Text c="dimmed">{t('mySites.lead')}</Text>
          </div>
          <Button component={Link} to="/sites/new">
            {t('mySites.add')}
          </Button>
        </Group>
        {me.sites.length === 0 ? (
          <Paper withBorder p="xl">
            <Stack align="center" gap="sm">
              <Text ta="center">{t('mySites.empty')}</Text>
              <Button component={Link} to="/sites/new" variant="light">
                {t('mySites.add')}
              </Button>
            </Stack>
          </Paper>
        ) : (
          <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="md" data-testid="my-sites">
            {me.sites.map((site) => {
              const active = site.siteId === me.activeSiteId;
              return (
                <Card
                  key={site.siteId}
                  withBorder
                  padding="lg"
                  component="article"
                  aria-label={site.name}
                  style={
                    active ? { borderColor: 'var(--mantine-color-forest-6)', borderWidth: 2 } : undefined
                  }
                >
                  <Stack gap="sm" h="100%">
                    <Title order={2} size="h4">
                      {site.name}
                    </Title>
                    <Group gap={6}>
                      <Badge variant="light" color={site.role === 'owner' ? 'forest' : 'gray'}>
                        {t(`roles.${site.role}`)}
                      </Badge>
                      <Badge variant="dot" color={site.verified ? 'forest' : 'wood'}>
                        {site.verified ? t('sites.verified') : t('sites.pending')}
                      </Badge>
                      {active && (
                        <Badge color="forest" variant="filled">
                          {t('mySites.active')}
                        </Badge>
                      )}
                    </Group>
                    <Group gap="xs" mt="auto">
                      <Button component={Link} to={`/sites/${site.siteId}`} variant="light" size="xs">
                        {t('mySites.open')}
                      </Button>
                      <Button
                        component={Link}
                        to={`/sites/${site.siteId}/membres`}
                        variant="default"
                        size="xs"
                      >
                        {t('mySites.members')}
                      </Button>
                      {!active && (
                        <Button
                          variant="subtle"
                          size="xs"
                          loading={setActive.isPending && setActive.variables?.siteId === site.siteId}
                          onClick={() => setActive.mutate({ siteId: site.siteId })}
                        >
                          {t('mySites.makeActive')}
                        </Button>
                      )}
                    </Group>
                  </Stack>
                </Card>
              );
            })}
          </SimpleGrid>
        )}
      </Stack>
    </Container>
  );
}
