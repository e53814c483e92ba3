import {
  Alert,
  Anchor,
  Button,
  Card,
  NativeSelect,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type LotView, requestTradeInput, type TradeOutput } from '@retaille/api/client';
import { fromDecimalComma } from '@retaille/domain/web';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { currentLocale } from '../../i18n/i18n.ts';
import { fieldErrorsOf, messageOf } from '../../lib/errors.ts';
import { signInPath, useMe } from '../../lib/session.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { validateWith } from '../../lib/validate.ts';
import { useTradeChanged } from './api.ts';
import { formatCents, formatQty, unitName } from './format.ts';
import { PriceBreakdown } from './PriceBreakdown.tsx';
import { StateBadge } from './StateBadge.tsx';

const parseDecimal = (v: string) => Number(fromDecimalComma(v.trim()));

/**
 * "Demander une quantité" on a lot page: quantity in the lot's unit and a message to the seller.
 * The price is computed by the server: its breakdown is shown once the request is sent.
 */
export function RequestTradePanel({ lot }: { lot: LotView }) {
  const { t } = useTranslation('trades');
  const locale = currentLocale();
  const me = useMe();
  const location = useLocation();
  const trpc = useTRPC();
  const request = useMutation(trpc.trades.request.mutationOptions());
  const changed = useTradeChanged();
  const [quantity, setQuantity] = useState('');
  const [message, setMessage] = useState('');
  const [buyerSiteId, setBuyerSiteId] = useState<string>(() => {
    const active = me.data?.activeSiteId;
    return active && active !== lot.siteId ? active : '';
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [sent, setSent] = useState<TradeOutput | null>(null);

  if (me.isPending) return null;
  if (!me.data) {
    return (
      <Card withBorder padding="md" bg="white" data-testid="request-panel">
        <Stack gap="xs">
          <Text size="sm" c="dimmed">
            {t('request.signInHelp')}
          </Text>
          <Button component={Link} to={signInPath(location.pathname)} color="wood">
            {t('request.signIn')}
          </Button>
        </Stack>
      </Card>
    );
  }
  if (lot.status !== 'published' || lot.available <= 0) {
    return (
      <Alert color="gray" variant="light" data-testid="request-panel">
        {t('request.unavailable')}
      </Alert>
    );
  }

  if (lot.paymentPending && !lot.canEdit) {
    return (
      <Alert
        color="yellow"
        variant="light"
        title={t('request.paymentPendingTitle')}
        data-testid="payment-pending"
      >
        {t('request.paymentPendingText')}
      </Alert>
    );
  }

  if (sent) {
    return (
      <Card withBorder padding="lg" bg="white" data-testid="request-sent">
        <Stack gap="sm">
          <Title order={2} size="h4">
            {t('request.sentTitle')} <StateBadge state={sent.state} ml={6} />
          </Title>
          <Text size="sm">{t('request.sentText')}</Text>
          <Text size="sm" fw={600}>
            {formatQty(sent.quantity, sent.unit, locale)}
          </Text>
          <PriceBreakdown trade={sent} />
          <Button component={Link} to={`/echanges/${sent.id}`} color="wood">
            {t('request.seeTrade')}
          </Button>
        </Stack>
      </Card>
    );
  }

  const sites = me.data.sites.filter((s) => s.siteId !== lot.siteId);
  const qty = parseDecimal(quantity);
  const estimate =
    lot.priceCents !== null && Number.isFinite(qty) && qty > 0 ? Math.round(qty * lot.priceCents) : null;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const values = {
      lotId: lot.id,
      quantity: quantity.trim(),
      buyerSiteId: buyerSiteId || null,
      message: message.trim() || undefined,
    };
    const local: Record<string, string> = {};
    if (!values.quantity) local.quantity = t('request.quantityRequired');
    else if (Number.isFinite(qty) && qty > lot.available)
      local.quantity = t('request.quantityTooHigh', {
        available: formatQty(lot.available, lot.unit, locale),
      });
    const checked = validateWith(requestTradeInput, values, locale);
    const all = { ...(checked.ok ? {} : checked.errors), ...local };
    setErrors(all);
    if (Object.keys(all).length > 0) return;
    try {
      const trade = await request.mutateAsync(values);
      await changed(trade);
      setSent(trade);
      notifications.show({ color: 'forest', message: t('request.sent') });
    } catch (error) {
      const fields = fieldErrorsOf(error, locale);
      setErrors(fields);
      if (Object.keys(fields).length === 0)
        notifications.show({ color: 'red', message: messageOf(error, locale, t('common.error')) });
    }
  };

  return (
    <Card
      withBorder
      padding="lg"
      bg="white"
      component="section"
      aria-labelledby="request-title"
      data-testid="request-panel"
    >
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Stack gap="sm">
          <Title order={2} size="h4" id="request-title">
            {t('request.title')}
          </Title>
          <TextInput
            label={t('request.quantity')}
            description={t('request.quantityHelp', {
              unit: unitName(lot.unit, locale),
              available: formatQty(lot.available, lot.unit, locale),
            })}
            inputMode="decimal"
            autoComplete="off"
            required
            value={quantity}
            onChange={(e) => setQuantity(e.currentTarget.value)}
            error={errors.quantity}
            data-testid="request-quantity"
          />
          {sites.length > 0 && (
            <NativeSelect
              label={t('request.buyerSite')}
              value={buyerSiteId}
              onChange={(e) => setBuyerSiteId(e.currentTarget.value)}
              data={[
                { value: '', label: t('request.personal') },
                ...sites.map((s) => ({ value: s.siteId, label: s.name })),
              ]}
              error={errors.buyerSiteId}
            />
          )}
          <Textarea
            label={t('request.message')}
            placeholder={t('request.messagePlaceholder')}
            autosize
            minRows={2}
            maxRows={6}
            maxLength={2000}
            value={message}
            onChange={(e) => setMessage(e.currentTarget.value)}
            error={errors.message}
          />
          <Text size="sm" c="dimmed" aria-live="polite" data-testid="request-estimate">
            {lot.priceCents === null
              ? t('request.freeEstimate')
              : estimate !== null
                ? t('request.estimate', { amount: formatCents(estimate, locale) })
                : null}
          </Text>
          {errors.lotId && (
            <Text size="sm" c="red">
              {errors.lotId}
            </Text>
          )}
          <Button type="submit" color="wood" loading={request.isPending}>
            {t('request.submit')}
          </Button>
          <Anchor component={Link} to="/echanges" size="sm">
            {t('nav.trades')} →
          </Anchor>
        </Stack>
      </form>
    </Card>
  );
}
