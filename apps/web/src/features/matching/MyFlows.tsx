/** Allocation flows proposed to me (as requester or as a member of the lot's site): accept or ignore. */
import { Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { notifications as toast } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { currentLocale } from '../../i18n/i18n.ts';
import { messageOf } from '../../lib/errors.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { km, num } from './format.ts';

export function MyAllocationFlows() {
  const { t } = useTranslation('matching');
  const locale = currentLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const flows = useQuery(trpc.allocations.mine.queryOptions());
  const decide = useMutation(
    trpc.allocations.decide.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.allocations.mine.queryKey() }),
      onError: (e) => toast.show({ color: 'red', message: messageOf(e, locale, t('common.retry')) }),
    }),
  );
  if (!flows.data || flows.data.length === 0) return null;
  return (
    <Stack gap="sm" component="section" aria-labelledby="my-flows-title">
      <Title order={2} size="h3" id="my-flows-title">
        {t('myFlows.title')}
      </Title>
      <Text size="sm" c="dimmed">
        {t('myFlows.intro')}
      </Text>
      <Stack component="ul" gap="sm" p={0} m={0}>
        {flows.data.map((f) => (
          <Card
            component="li"
            withBorder
            padding="md"
            key={`${f.runId}:${f.lotId}:${f.requestId}`}
            data-testid="my-flow"
          >
            <Stack gap={6}>
              <Text fw={600}>
                <Link to={`/lots/${f.lotId}`}>{f.lotTitle}</Link> → {f.requestTitle}
              </Text>
              <Text size="sm" c="dimmed">
                {t('myFlows.detail', {
                  kg: num(f.kg, locale),
                  km: km(f.distanceKm, locale),
                  site: f.siteName,
                })}
              </Text>
              <Group gap="xs">
                {f.decision ? (
                  <Badge color={f.decision === 'accepted' ? 'forest' : 'gray'} variant="light">
                    {t(`myFlows.${f.decision}`)}
                  </Badge>
                ) : (
                  <>
                    <Button
                      size="xs"
                      onClick={() =>
                        decide.mutate({
                          runId: f.runId,
                          lotId: f.lotId,
                          requestId: f.requestId,
                          decision: 'accepted',
                        })
                      }
                      loading={decide.isPending}
                    >
                      {t('myFlows.accept')}
                    </Button>
                    <Button
                      size="xs"
                      variant="default"
                      onClick={() =>
                        decide.mutate({
                          runId: f.runId,
                          lotId: f.lotId,
                          requestId: f.requestId,
                          decision: 'ignored',
                        })
                      }
                      loading={decide.isPending}
                    >
                      {t('myFlows.ignore')}
                    </Button>
                  </>
                )}
              </Group>
            </Stack>
          </Card>
        ))}
      </Stack>
    </Stack>
  );
}
