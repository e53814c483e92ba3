import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Center,
  Container,
  Grid,
  Group,
  Loader,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { TRPCClientError } from '@trpc/client';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { QueryError } from '../../components/QueryError.tsx';
import { RequireAuth } from '../../components/RequireAuth.tsx';
import { currentLocale } from '../../i18n/i18n.ts';
import { WIDE_LAYOUT_QUERY } from '../../lib/layout.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { formatKg, formatQty, formatSlot, formatWhen, tradeRef } from './format.ts';
import { PriceBreakdown } from './PriceBreakdown.tsx';
import { StateBadge } from './StateBadge.tsx';
import { TradeActions } from './TradeActions.tsx';
import { TradeMessages } from './TradeMessages.tsx';
import { TradePayments } from './TradePayments.tsx';
import { TradeTimeline } from './TradeTimeline.tsx';
import classes from './trades.module.css';

/** Back from the hosted checkout page: `?paiement=ok` (webhook may still be on its way) or `annule`. */
function PaymentReturn({ state, ret }: { state: string; ret: string | null }) {
  const { t } = useTranslation('trades');
  if (ret === 'ok') {
    if (state === 'payment_pending') {
      return (
        <Alert
          color="blue"
          title={t('payment.okTitle')}
          icon={<Loader size="xs" />}
          data-testid="payment-return"
        >
          {t('payment.okText')}
        </Alert>
      );
    }
    if (state !== 'cancelled' && state !== 'expired') {
      return (
        <Alert color="forest" title={t('payment.confirmedTitle')} data-testid="payment-return">
          {t('payment.confirmedText')}
        </Alert>
      );
    }
  }
  if (ret === 'annule' && state === 'payment_pending') {
    return (
      <Alert color="wood" title={t('payment.cancelledTitle')} data-testid="payment-return">
        {t('payment.cancelledText')}
      </Alert>
    );
  }
  return null;
}

function TradeView({ id }: { id: string }) {
  const { t } = useTranslation('trades');
  const locale = currentLocale();
  const trpc = useTRPC();
  const wide = useMediaQuery(WIDE_LAYOUT_QUERY, true);
  const [params] = useSearchParams();
  const ret = params.get('paiement');
  const query = useQuery({
    ...trpc.trades.get.queryOptions({ id }),
    retry: false,
    // After paying, the webhook marks the trade paid within moments: poll until it does.
    refetchInterval: (q) => (ret === 'ok' && q.state.data?.state === 'payment_pending' ? 1500 : 20_000),
  });

  if (query.isPending) {
    return (
      <Center py="xl">
        <Loader aria-label={t('common.loading')} />
      </Center>
    );
  }
  if (query.isError) {
    const notFound =
      query.error instanceof TRPCClientError &&
      ['NOT_FOUND', 'BAD_REQUEST', 'FORBIDDEN'].includes(query.error.data?.code ?? '');
    return (
      <Container size="md">
        <Stack>
          {notFound ? (
            <Alert color="gray" title={t('trade.notFoundTitle')}>
              {t('trade.notFound')}
            </Alert>
          ) : (
            <QueryError error={query.error} onRetry={() => void query.refetch()} />
          )}
          <Anchor component={Link} to="/echanges">
            ← {t('trade.back')}
          </Anchor>
        </Stack>
      </Container>
    );
  }

  const trade = query.data;
  const counterpart =
    trade.role === 'buyer'
      ? t('trade.withSeller', { name: trade.sellerSite.name })
      : t('trade.withBuyer', { name: trade.buyer.name });
  const showSlip = !['requested', 'declined', 'expired', 'payment_pending', 'initial'].includes(trade.state);

  const actions = (
    <>
      <Card withBorder padding="lg" bg="white" component="section" aria-labelledby="next-step">
        <Stack gap="md">
          <Title order={2} size="h4" id="next-step">
            {t('trade.actionsTitle')}
          </Title>
          <TradeActions trade={trade} />
        </Stack>
      </Card>
    </>
  );
  const dispute = (
    <>
      {trade.dispute && (
        <Alert color="red" variant="light" title={t('trade.disputeTitle')}>
          <Text size="sm" style={{ whiteSpace: 'pre-line' }}>
            {trade.dispute.reason}
          </Text>
          <Text size="xs" c="dimmed" mt={4}>
            {t('trade.disputeOpened', { date: formatWhen(trade.dispute.openedAt, locale) })}
            {trade.dispute.resolution &&
              ` · ${t('trade.disputeResolution', {
                resolution: t(`resolution.${trade.dispute.resolution}`, {
                  defaultValue: trade.dispute.resolution,
                }),
              })}`}
          </Text>
        </Alert>
      )}
    </>
  );
  const timeline = (
    <>
      <Card withBorder padding="lg" bg="white" component="section" aria-labelledby="timeline-title">
        <Stack gap="md">
          <Title order={2} size="h4" id="timeline-title">
            {t('timeline.title')}
          </Title>
          <TradeTimeline trade={trade} />
        </Stack>
      </Card>
    </>
  );
  const messages = (
    <>
      <Card withBorder padding="lg" bg="white" component="section" aria-labelledby="messages-title">
        <Stack gap="md">
          <Title order={2} size="h4" id="messages-title">
            {t('messages.title')}
          </Title>
          <TradeMessages trade={trade} />
        </Stack>
      </Card>
    </>
  );
  const price = (
    <>
      <Card withBorder padding="lg" bg="white" component="section" aria-labelledby="price-title">
        <Stack gap="sm">
          <Title order={2} size="h4" id="price-title">
            {t('price.title')}
          </Title>
          <PriceBreakdown trade={trade} />
          <TradePayments trade={trade} />
        </Stack>
      </Card>
    </>
  );
  const details = (
    <>
      <Card withBorder padding="lg" bg="white">
        <Stack gap="md">
          <dl className={classes.facts}>
            <dt>{t('trade.quantity')}</dt>
            <dd data-testid="trade-quantity">{formatQty(trade.quantity, trade.unit, locale)}</dd>
            <dt>{t('trade.seller')}</dt>
            <dd>
              <Anchor component={Link} to={`/sites/${trade.sellerSite.id}`} size="sm">
                {trade.sellerSite.name}
              </Anchor>
            </dd>
            <dt>{t('trade.buyer')}</dt>
            <dd>{trade.buyer.name}</dd>
            <dt>{t('trade.pickup')}</dt>
            <dd data-testid="trade-pickup">
              {trade.pickup
                ? t(trade.pickup.agreed ? 'trade.pickupAgreed' : 'trade.pickupProposed', {
                    slot: formatSlot(trade.pickup.start, trade.pickup.end, locale),
                  })
                : t('trade.pickupNone')}
            </dd>
            {trade.handoverKg && (
              <>
                <dt>{t('trade.handoverKg')}</dt>
                <dd data-testid="trade-handover-kg">{formatKg(trade.handoverKg, locale)}</dd>
              </>
            )}
            {trade.receiptKg && (
              <>
                <dt>{t('trade.receiptKg')}</dt>
                <dd>{formatKg(trade.receiptKg, locale)}</dd>
              </>
            )}
            {trade.nextDeadline && (
              <>
                <dt>{t('trade.deadline')}</dt>
                <dd>
                  {t('trade.deadlineText', {
                    what: t(`deadlineWhat.${trade.nextDeadline.transition}`, {
                      defaultValue: trade.nextDeadline.transition,
                    }),
                    date: formatWhen(trade.nextDeadline.at, locale),
                  })}
                </dd>
              </>
            )}
          </dl>
          <Group gap="xs">
            {showSlip && (
              <Button component={Link} to={`/echanges/${trade.id}/bordereau`} variant="light">
                {t('trade.slip')}
              </Button>
            )}
            <Button component={Link} to={`/lots/${trade.lot.id}`} variant="default">
              {t('trade.lot')}
            </Button>
          </Group>
        </Stack>
      </Card>
    </>
  );

  return (
    <Container size="lg">
      <Stack gap="lg">
        <Anchor component={Link} to="/echanges" size="sm">
          ← {t('trade.back')}
        </Anchor>
        <Stack gap={6}>
          <Group gap="xs">
            <StateBadge state={trade.state} size="lg" />
            <Badge variant="outline" color="gray" size="lg">
              {t(`role.${trade.role}`)}
            </Badge>
            <Text size="sm" c="dimmed">
              {t('trade.reference', { ref: tradeRef(trade.id) })}
            </Text>
          </Group>
          <Title order={1} size="h2">
            {trade.lot.title}
          </Title>
          <Text c="dimmed">
            {formatQty(trade.quantity, trade.unit, locale)} · {counterpart}
          </Text>
        </Stack>

        <PaymentReturn state={trade.state} ret={ret} />

        {wide ? (
          <Grid gap="lg">
            <Grid.Col span={7}>
              <Stack gap="lg">
                {actions}
                {dispute}
                {timeline}
                {messages}
              </Stack>
            </Grid.Col>
            <Grid.Col span={5}>
              <Stack gap="lg">
                {price}
                {details}
              </Stack>
            </Grid.Col>
          </Grid>
        ) : (
          // On a phone the amounts and the pickup come right after the next step.
          <Stack gap="lg">
            {actions}
            {dispute}
            {price}
            {details}
            {timeline}
            {messages}
          </Stack>
        )}
      </Stack>
    </Container>
  );
}

export function TradePage() {
  const { id = '' } = useParams();
  return <RequireAuth>{() => <TradeView id={id} />}</RequireAuth>;
}
