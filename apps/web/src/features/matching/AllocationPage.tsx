/**
 * /coordination/allocation: a coordinator runs (or joins) the network-wide allocation of a region
 * or of the whole network, follows its progress, and reads the optimum against the greedy
 * nearest-first baseline — totals, a plain-language explanation, the flows on a map and in a
 * sortable table — or the failure with a retry.
 */
import {
  Alert,
  Button,
  Checkbox,
  Container,
  Group,
  NativeSelect,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { notifications as toast } from '@mantine/notifications';
import { translate } from '@retaille/api/client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { RequireAuth } from '../../components/RequireAuth.tsx';
import { currentLocale } from '../../i18n/i18n.ts';
import { messageOf } from '../../lib/errors.ts';
import { isCoordinator, type SignedIn } from '../../lib/session.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { RecentRuns, RunView } from './AllocationRunView.tsx';
import { regions } from './regions.ts';

function StartForm({ onStarted }: { onStarted: (runId: string) => void }) {
  const { t } = useTranslation('matching');
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const locale = currentLocale();
  const [region, setRegion] = useState('');
  const [leaveOut, setLeaveOut] = useState(false);
  const start = useMutation(
    trpc.allocations.start.mutationOptions({
      onSuccess: (r) => {
        toast.show({
          color: 'forest',
          message: r.created ? t('allocation.started') : t('allocation.joined'),
        });
        void queryClient.invalidateQueries({ queryKey: trpc.allocations.list.queryKey() });
        onStarted(r.runId);
      },
    }),
  );
  return (
    <Paper withBorder p="md" radius="md" bg="white">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          start.mutate({ regionCode: region || null, leaveOutLosingPairs: leaveOut });
        }}
      >
        <Group align="flex-end" gap="sm">
          <NativeSelect
            label={t('allocation.scope')}
            value={region}
            onChange={(e) => setRegion(e.currentTarget.value)}
            data={[
              { value: '', label: t('allocation.wholeNetwork') },
              ...regions.map((r) => ({ value: r.code, label: r.name })),
            ]}
            data-testid="allocation-scope"
            style={{ flex: '1 1 16rem' }}
          />
          <Button type="submit" loading={start.isPending} data-testid="allocation-start">
            {t('allocation.start')}
          </Button>
        </Group>
        <Checkbox
          mt="sm"
          checked={leaveOut}
          onChange={(e) => setLeaveOut(e.currentTarget.checked)}
          label={t('allocation.leaveOut')}
          description={t('allocation.leaveOutHelp')}
          data-testid="allocation-leave-out"
        />
        {start.isError && (
          <Alert color="red" mt="sm" role="alert">
            {messageOf(start.error, locale, translate('allocation.failed', locale))}
          </Alert>
        )}
      </form>
    </Paper>
  );
}

function Allocation({ me }: { me: SignedIn }) {
  const { t } = useTranslation('matching');
  const [params, setParams] = useSearchParams();
  const runId = params.get('run');
  if (!isCoordinator(me)) {
    return (
      <Container size="md">
        <Alert color="red" role="alert">
          {t('allocation.forbidden')}
        </Alert>
      </Container>
    );
  }
  return (
    <Container size="lg">
      <Stack gap="lg">
        <Stack gap={4}>
          <Title order={1}>{t('allocation.title')}</Title>
          <Text c="dimmed" maw={760}>
            {t('allocation.intro')}
          </Text>
        </Stack>
        <StartForm onStarted={(id) => setParams({ run: id })} />
        <SimpleGrid cols={{ base: 1 }} spacing="lg">
          {runId && <RunView key={runId} runId={runId} />}
          <RecentRuns current={runId} />
        </SimpleGrid>
      </Stack>
    </Container>
  );
}

export function AllocationPage() {
  return <RequireAuth>{(me) => <Allocation me={me} />}</RequireAuth>;
}
