import { Alert, Anchor, Button, Center, Group, Loader, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { QRCodeSVG } from 'qrcode.react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { QueryError } from '../../components/QueryError.tsx';
import { RequireAuth } from '../../components/RequireAuth.tsx';
import { currentLocale } from '../../i18n/i18n.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { formatCents, formatDay, formatKg, formatQty, formatSlot, totalOf, tradeRef } from './format.ts';
import classes from './trades.module.css';

function Field({ label, children, testId }: { label: string; children: React.ReactNode; testId?: string }) {
  return (
    <div className={classes.field}>
      <div className={classes.fieldLabel}>{label}</div>
      <div className={classes.fieldValue} data-testid={testId}>
        {children}
      </div>
    </div>
  );
}

/** The printable pickup slip (A4): what leaves which site for whom, the weight, two signatures, a QR code. */
function Slip({ id }: { id: string }) {
  const { t } = useTranslation('trades');
  const locale = currentLocale();
  const trpc = useTRPC();
  const trade = useQuery({ ...trpc.trades.get.queryOptions({ id }), retry: false });
  const site = useQuery({
    ...trpc.sites.get.queryOptions({ id: trade.data?.sellerSite.id ?? '' }),
    enabled: Boolean(trade.data),
    retry: false,
  });
  if (trade.isPending) {
    return (
      <Center py="xl">
        <Loader aria-label={t('common.loading')} />
      </Center>
    );
  }
  if (trade.isError) {
    return (
      <Stack p="md">
        <QueryError error={trade.error} />
        <Anchor component={Link} to="/echanges">
          ← {t('trade.back')}
        </Anchor>
      </Stack>
    );
  }
  const tr = trade.data;
  const url = `${window.location.origin}/echanges/${tr.id}`;
  const s = site.data;
  const address = s ? [s.address, `${s.postalCode} ${s.communeName}`].filter(Boolean).join(', ') : null;

  return (
    <div className={classes.slipPage}>
      <Group justify="center" gap="sm" mb="md" className={classes.noPrint}>
        <Button component={Link} to={`/echanges/${tr.id}`} variant="default">
          ← {t('slip.back')}
        </Button>
        <Button onClick={() => window.print()}>{t('slip.print')}</Button>
      </Group>
      <article className={classes.sheet} aria-labelledby="slip-title" data-testid="pickup-slip">
        <div className={classes.sheetHeader}>
          <div>
            <Group gap={8} mb={4}>
              <img src="/favicon.svg" alt="" width={28} height={28} />
              <Text fw={800} size="lg" c="forest.8">
                Retaille
              </Text>
            </Group>
            <h1 id="slip-title" style={{ margin: 0, fontSize: '20pt' }}>
              {t('slip.title')}
            </h1>
            <Text size="sm" mt={4}>
              {t('slip.reference')} : <strong data-testid="slip-ref">{tradeRef(tr.id)}</strong> ·{' '}
              {t(`state.${tr.state}`)}
            </Text>
            <Text size="xs" c="dimmed">
              {t('slip.date', { date: formatDay(new Date().toISOString(), locale) })}
            </Text>
          </div>
          <div className={classes.qr}>
            <QRCodeSVG value={url} size={112} level="M" marginSize={0} title={url} data-testid="slip-qr" />
            <span>{t('slip.qr')}</span>
          </div>
        </div>

        <Field label={t('slip.lot')}>{tr.lot.title}</Field>
        <div className={classes.sheetGrid}>
          <Field label={t('slip.quantity')}>{formatQty(tr.quantity, tr.unit, locale)}</Field>
          <Field label={t('slip.amount')}>{tr.isPaid ? formatCents(totalOf(tr), locale) : t('free')}</Field>
          <Field label={t('slip.from')}>
            {tr.sellerSite.name}
            {address && (
              <Text size="sm" fw={400}>
                {address}
              </Text>
            )}
            {s?.contactPhone && (
              <Text size="sm" fw={400}>
                {s.contactPhone}
              </Text>
            )}
          </Field>
          <Field label={t('slip.to')}>{tr.buyer.name}</Field>
          <Field label={t('slip.slot')} testId="slip-slot">
            {tr.pickup ? formatSlot(tr.pickup.start, tr.pickup.end, locale) : t('trade.pickupNone')}
          </Field>
          <Field label={t('slip.weight')}>
            {tr.handoverKg ? formatKg(tr.handoverKg, locale) : t('slip.weightBlank')}
          </Field>
        </div>
        <div className={classes.sheetGrid}>
          <div className={classes.signature}>{t('slip.signSeller')}</div>
          <div className={classes.signature}>{t('slip.signBuyer')}</div>
        </div>
        <div className={classes.sheetFooter}>
          {t('slip.footer')} · {url}
        </div>
      </article>
      {site.isError && (
        <Alert color="gray" mt="md" className={classes.noPrint}>
          {t('common.error')}
        </Alert>
      )}
    </div>
  );
}

export function PickupSlipPage() {
  const { id = '' } = useParams();
  return <RequireAuth>{() => <Slip id={id} />}</RequireAuth>;
}
