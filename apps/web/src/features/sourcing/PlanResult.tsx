import { Alert, Button, Group, List, Stack, Table, Text, Title } from '@mantine/core';
import type { SourcingPlanDto } from '@retaille/api/client';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { formatMoney, unitSymbol } from '../../components/catalogue/format.ts';
import { currentLocale } from '../../i18n/i18n.ts';
import { messageOf } from '../../lib/errors.ts';
import { formatDate, formatNumber } from '../../lib/format.ts';
import { useTRPC } from '../../lib/trpc.ts';

/** The plan: totals, lots per line, sellers and the tour, uncovered lines, « Tout demander ». */
export function PlanResult({ plan, basketKey }: { plan: SourcingPlanDto; basketKey: string }) {
  const { t } = useTranslation('sourcing');
  const locale = currentLocale();
  const trpc = useTRPC();
  const navigate = useNavigate();
  const money = (c: number) => formatMoney(c, locale);
  const n = (v: number) => formatNumber(v, locale);
  const sellers = new Map(plan.sellers.map((s) => [s.siteId, s]));
  const basket = useMutation(
    trpc.sourcing.createBasket.mutationOptions({
      onSuccess: (b) => navigate(`/nomenclature/paniers/${b.id}`),
    }),
  );
  const status =
    plan.status === 'feasible'
      ? plan.gapPct === null
        ? t('plan.status_feasible_nogap')
        : t('plan.status_feasible', { gap: n(plan.gapPct) })
      : t(`plan.status_${plan.status}`);

  return (
    <section aria-labelledby="plan-heading" data-testid="bom-plan-result">
      <Stack gap="md">
        <Title order={2} id="plan-heading">
          {t('plan.heading')}
        </Title>
        <Text data-testid="bom-plan-status">{status}</Text>
        <Text size="sm">
          {t('plan.summary', {
            covered: plan.coveredLines,
            lines: plan.lineIds.length,
            sellers: plan.sellers.length,
            candidates: plan.candidateLots,
          })}
        </Text>
        <Group gap="xl">
          <Text>
            {t('plan.goods')} : <strong>{money(plan.goodsCents)}</strong>
          </Text>
          <Text>
            {t('plan.trips')} : <strong>{money(plan.tripCents)}</strong>
          </Text>
          <Text data-testid="bom-plan-total">
            {t('plan.total')} : <strong>{money(plan.totalCents)}</strong>
          </Text>
        </Group>
        <Text size="xs" c="dimmed">
          {t('plan.solved', { ms: n(plan.solveMs), limit: n(plan.timeLimitS) })}
        </Text>
        {plan.picks.length > 0 ? (
          <Table.ScrollContainer minWidth={520}>
            <Table striped data-testid="bom-picks">
              <Table.Caption>{t('plan.picksCaption')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('plan.line')}</Table.Th>
                  <Table.Th scope="col">{t('plan.lot')}</Table.Th>
                  <Table.Th scope="col">{t('plan.seller')}</Table.Th>
                  <Table.Th scope="col">{t('plan.quantity')}</Table.Th>
                  <Table.Th scope="col">{t('plan.price')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {plan.picks.map((p) => (
                  <Table.Tr key={`${p.lineId}-${p.lotId}`}>
                    <Table.Td>{p.lineId}</Table.Td>
                    <Table.Td>{p.lotTitle}</Table.Td>
                    <Table.Td>{sellers.get(p.sellerSiteId)?.name}</Table.Td>
                    <Table.Td>
                      {n(p.quantity)} {unitSymbol(p.unit, locale)}
                    </Table.Td>
                    <Table.Td>{money(p.goodsCents)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        ) : null}
        {plan.tour ? (
          <section aria-labelledby="tour-heading">
            <Title order={3} id="tour-heading">
              {t('plan.tour')}
            </Title>
            <Text data-testid="bom-tour-km">
              {t('plan.tourKm', { km: n(plan.tour.km), separate: n(plan.tour.separateKm) })}
            </Text>
            <Text>
              {t('plan.tourCo2', { co2: n(plan.tour.co2eKg), separate: n(plan.tour.separateCo2eKg) })}
            </Text>
            <Table.ScrollContainer minWidth={420}>
              <Table>
                <Table.Caption>{t('plan.sellersCaption')}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('plan.tourOrder')}</Table.Th>
                    <Table.Th scope="col">{t('plan.seller')}</Table.Th>
                    <Table.Th scope="col">{t('plan.leg')}</Table.Th>
                    <Table.Th scope="col">{t('plan.trip')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {plan.tour.stops.map((s, i) => {
                    const seller = sellers.get(s.siteId);
                    return (
                      <Table.Tr key={s.siteId}>
                        <Table.Td>{i + 1}</Table.Td>
                        <Table.Td>
                          {seller?.name}, {seller?.communeName}
                        </Table.Td>
                        <Table.Td>{n(s.legKm)}</Table.Td>
                        <Table.Td>{seller ? money(seller.tripCents) : ''}</Table.Td>
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </section>
        ) : null}
        {plan.uncovered.length > 0 ? (
          <section aria-labelledby="uncovered-heading" data-testid="bom-uncovered">
            <Title order={3} id="uncovered-heading">
              {t('plan.uncovered')}
            </Title>
            <List spacing="xs">
              {plan.uncovered.map((u) => (
                <UncoveredLine key={u.lineId} line={u} />
              ))}
            </List>
          </section>
        ) : null}
        {plan.picks.length > 0 ? (
          <Stack gap={4}>
            <Group>
              <Button
                data-testid="bom-request-all"
                loading={basket.isPending}
                onClick={() =>
                  basket.mutate({
                    key: basketKey,
                    title: t('plan.basketTitle', { date: formatDate(new Date().toISOString(), locale) }),
                    picks: plan.picks.map((p) => ({
                      lineId: p.lineId,
                      lotId: p.lotId,
                      quantity: p.quantity,
                    })),
                  })
                }
              >
                {t('plan.requestAll')}
              </Button>
            </Group>
            <Text size="xs" c="dimmed">
              {t('plan.requestAllHelp')}
            </Text>
          </Stack>
        ) : null}
        {basket.error ? (
          <Alert color="red" role="alert" data-testid="bom-basket-error">
            {messageOf(basket.error, locale, t('plan.status_no_solution'))}
          </Alert>
        ) : null}
      </Stack>
    </section>
  );
}

/** An uncovered line, its reason, and « Publier une demande » for the shortfall (once). */
function UncoveredLine({ line }: { line: SourcingPlanDto['uncovered'][number] }) {
  const { t } = useTranslation('sourcing');
  const locale = currentLocale();
  const trpc = useTRPC();
  const [posted, setPosted] = useState(false);
  const post = useMutation(trpc.requests.create.mutationOptions({ onSuccess: () => setPosted(true) }));
  const shortfall = `${formatNumber(line.shortfall, locale)} ${unitSymbol(line.request.unit, locale)}`;
  return (
    <List.Item>
      <Group gap="sm" wrap="wrap">
        <Text>
          <strong>{line.lineId}</strong> — {t(`plan.reason.${line.reason}`, { shortfall })}
        </Text>
        <Button
          size="xs"
          variant="light"
          onClick={() => post.mutate(line.request)}
          loading={post.isPending}
          disabled={posted}
          data-testid={`bom-publish-${line.lineId}`}
        >
          {posted ? t('plan.published') : t('plan.publish')}
        </Button>
        {post.error ? (
          <Text c="red" size="sm" role="alert">
            {messageOf(post.error, locale, t('plan.status_no_solution'))}
          </Text>
        ) : null}
      </Group>
    </List.Item>
  );
}
