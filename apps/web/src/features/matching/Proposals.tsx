/**
 * "Propositions": the ranked, explained proposals of a wanted request (for its author) or of a
 * lot (for the members of its site). Each explanation part is translated by the API's message
 * table, so the sentence reads the same as in the e-mails.
 */
import {
  Alert,
  Anchor,
  Badge,
  Card,
  Center,
  Group,
  Loader,
  Progress,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import type { Proposal } from '@retaille/api/client';
import { type UseQueryResult, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatQuantity } from '../../components/catalogue/format.ts';
import { QueryError } from '../../components/QueryError.tsx';
import { type AppLocale, currentLocale } from '../../i18n/i18n.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { co2e, explanationSentence, km, num } from './format.ts';
import classes from './matching.module.css';
import { OfferLotButton } from './OfferActions.tsx';

const PRICE_KEYS = new Set([
  'match.price.free',
  'match.price.amount',
  'match.price.withinBudget',
  'match.price.overBudget',
]);

function priceText(p: Proposal, locale: AppLocale): string {
  const part = p.explanation.find((e) => PRICE_KEYS.has(e.key));
  // The price part states the total for the quantity served (and against the budget).
  return part ? explanationSentence([part], locale) : '—';
}

function scoreColor(score: number): string {
  if (score >= 70) return 'forest';
  if (score >= 45) return 'wood';
  return 'gray';
}

function ProposalCard({ p, rank, side }: { p: Proposal; rank: number; side: 'request' | 'lot' }) {
  const { t } = useTranslation('matching');
  const locale = currentLocale();
  const sentence = explanationSentence(p.explanation, locale);
  const score = Math.round(p.score);
  return (
    <Card
      withBorder
      padding="md"
      component="li"
      bg="white"
      className={classes.proposal}
      data-testid="proposal"
      style={{ listStyle: 'none' }}
    >
      <Group align="flex-start" wrap="nowrap" gap="sm">
        <Text className={classes.rank} size="lg" aria-label={t('proposals.rank', { rank })}>
          {rank}
        </Text>
        <Stack gap={8} style={{ flex: 1, minWidth: 0 }}>
          <Group justify="space-between" align="flex-start" gap="xs">
            <Stack gap={0} style={{ minWidth: 0 }}>
              <Title order={3} size="h5">
                {side === 'request' ? (
                  <Anchor component={Link} to={`/lots/${p.lotId}`} inherit>
                    {p.lotTitle}
                  </Anchor>
                ) : (
                  p.requestTitle
                )}
              </Title>
              {side === 'request' && (
                <Text size="sm" c="dimmed">
                  {t('proposals.from', { site: p.siteName })}
                </Text>
              )}
            </Stack>
            <Badge variant="light" color={scoreColor(score)} size="lg" tt="none">
              {num(score, locale, 0)}/100
            </Badge>
          </Group>
          <Progress
            value={Math.max(0, Math.min(100, p.score))}
            color={scoreColor(score)}
            size="sm"
            aria-label={t('proposals.scoreLabel', { score: num(score, locale, 0) })}
          />
          <Text size="sm" data-testid="proposal-explanation">
            <Text span fw={600} size="sm">
              {t('proposals.whyTitle')} :{' '}
            </Text>
            {sentence}
          </Text>
          <dl className={classes.facts}>
            <div>
              <dt>{t('proposals.distance')}</dt>
              <dd>{km(p.distanceKm, locale)}</dd>
            </div>
            <div>
              <dt>{t('proposals.transport')}</dt>
              <dd>{t('proposals.transportValue', { value: co2e(p.transportCo2eKg, locale) })}</dd>
            </div>
            <div>
              <dt>{t('proposals.available')}</dt>
              <dd>{formatQuantity(p.available, p.unit, locale)}</dd>
            </div>
            <div>
              <dt>{t('proposals.price')}</dt>
              <dd>{priceText(p, locale)}</dd>
            </div>
          </dl>
          <Group gap="md">
            {side === 'request' ? (
              <Anchor component={Link} to={`/lots/${p.lotId}`} size="sm" fw={600}>
                {t('proposals.seeLot')} →
              </Anchor>
            ) : (
              <>
                <OfferLotButton lotId={p.lotId} requestId={p.requestId} unit={p.lotUnit} />
                <Anchor component={Link} to="/demandes?onglet=pres" size="sm">
                  {t('proposals.seeRequests')} →
                </Anchor>
              </>
            )}
          </Group>
        </Stack>
      </Group>
    </Card>
  );
}

function ProposalsList({
  query,
  side,
  withTitle,
}: {
  query: UseQueryResult<Proposal[], unknown>;
  side: 'request' | 'lot';
  withTitle: boolean;
}) {
  const { t } = useTranslation('matching');
  return (
    <section aria-labelledby={`proposals-${side}`} data-testid="proposals">
      <Stack gap="sm">
        {withTitle ? (
          <Title order={2} size="h3" id={`proposals-${side}`}>
            {t('proposals.title')}
          </Title>
        ) : (
          <span id={`proposals-${side}`} hidden>
            {t('proposals.title')}
          </span>
        )}
        <Text size="sm" c="dimmed">
          {side === 'request' ? t('proposals.forRequestIntro') : t('proposals.forLotIntro')}
        </Text>
        {query.isPending ? (
          <Center py="md">
            <Loader aria-label={t('common.loading')} />
          </Center>
        ) : query.isError ? (
          <QueryError error={query.error} onRetry={() => void query.refetch()} />
        ) : query.data.length === 0 ? (
          <Alert color="gray" data-testid="proposals-empty">
            {side === 'request' ? t('proposals.emptyRequest') : t('proposals.emptyLot')}
          </Alert>
        ) : (
          <>
            <Text size="sm" fw={600} aria-live="polite">
              {t('proposals.count', { count: query.data.length })}
            </Text>
            <Stack component="ol" gap="sm" p={0} m={0}>
              {query.data.map((p, i) => (
                <ProposalCard key={`${p.lotId}:${p.requestId}`} p={p} rank={i + 1} side={side} />
              ))}
            </Stack>
          </>
        )}
      </Stack>
    </section>
  );
}

/** The closest compatible lots for a wanted request (its author, coordinators, admins). */
export function ProposalsForRequest({
  requestId,
  withTitle = true,
}: {
  requestId: string;
  withTitle?: boolean;
}) {
  const trpc = useTRPC();
  const query = useQuery(trpc.matching.forRequest.queryOptions({ requestId }));
  return <ProposalsList query={query} side="request" withTitle={withTitle} />;
}

/** The open requests a lot fits (members of the lot's site, admins). */
export function ProposalsForLot({ lotId, withTitle = true }: { lotId: string; withTitle?: boolean }) {
  const trpc = useTRPC();
  const query = useQuery(trpc.matching.forLot.queryOptions({ lotId }));
  return <ProposalsList query={query} side="lot" withTitle={withTitle} />;
}
