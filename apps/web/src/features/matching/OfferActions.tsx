import { Button, Group, NumberInput, Popover, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { unitSymbol } from '../../components/catalogue/format.ts';
import { currentLocale } from '../../i18n/i18n.ts';
import { fieldErrorsOf, messageOf } from '../../lib/errors.ts';
import { useTRPC } from '../../lib/trpc.ts';

/** On a `lot_offer` notice: the designer accepts in one click (the trade starts accepted) or declines. */
export function OfferAnswer({ offerId, onDone }: { offerId: string; onDone: () => void }) {
  const { t } = useTranslation('matching');
  const locale = currentLocale();
  const trpc = useTRPC();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const accept = useMutation(trpc.offers.accept.mutationOptions());
  const decline = useMutation(trpc.offers.decline.mutationOptions());
  const [answered, setAnswered] = useState<'accepted' | 'declined' | null>(null);
  const fail = (error: unknown) =>
    notifications.show({ color: 'red', message: messageOf(error, locale, t('offers.error')) });
  if (answered) {
    return (
      <Text size="sm" c="dimmed" data-testid="offer-answered">
        {t(answered === 'accepted' ? 'offers.accepted' : 'offers.declined')}
      </Text>
    );
  }
  return (
    <Group gap="xs" data-testid="offer-answer">
      <Button
        size="compact-sm"
        color="wood"
        loading={accept.isPending}
        onClick={async () => {
          try {
            const { tradeId } = await accept.mutateAsync({ id: offerId });
            setAnswered('accepted');
            onDone();
            await queryClient.invalidateQueries({ queryKey: trpc.trades.pathKey() });
            navigate(`/echanges/${tradeId}`);
          } catch (error) {
            fail(error);
          }
        }}
      >
        {t('offers.accept')}
      </Button>
      <Button
        size="compact-sm"
        variant="default"
        loading={decline.isPending}
        onClick={async () => {
          try {
            await decline.mutateAsync({ id: offerId });
            setAnswered('declined');
            onDone();
          } catch (error) {
            fail(error);
          }
        }}
      >
        {t('offers.decline')}
      </Button>
    </Group>
  );
}

/** On a lot's proposals: a member of its site offers the lot to the request's designer. */
export function OfferLotButton({
  lotId,
  requestId,
  unit,
}: {
  lotId: string;
  requestId: string;
  unit: string;
}) {
  const { t } = useTranslation('matching');
  const locale = currentLocale();
  const trpc = useTRPC();
  const create = useMutation(trpc.offers.create.mutationOptions());
  const [opened, setOpened] = useState(false);
  const [quantity, setQuantity] = useState<number | string>(1);
  const [error, setError] = useState<string | undefined>();
  const [sent, setSent] = useState(false);
  if (sent) {
    return (
      <Text size="sm" c="forest.8" fw={600} data-testid="offer-sent">
        {t('offers.sent')}
      </Text>
    );
  }
  const send = async () => {
    try {
      await create.mutateAsync({ lotId, requestId, quantity: Number(quantity) });
      setSent(true);
      setOpened(false);
    } catch (e) {
      const fields = fieldErrorsOf(e, locale);
      setError(fields.quantity ?? messageOf(e, locale, t('offers.error')));
    }
  };
  return (
    <Popover opened={opened} onChange={setOpened} position="bottom-start" withArrow trapFocus>
      <Popover.Target>
        <Button
          size="compact-sm"
          variant="light"
          onClick={() => setOpened((o) => !o)}
          data-testid="offer-lot"
        >
          {t('offers.offer')}
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void send();
          }}
        >
          <Stack gap="xs" w={240}>
            <NumberInput
              label={t('offers.quantity', { unit: unitSymbol(unit, locale) })}
              value={quantity}
              onChange={(v) => {
                setQuantity(v);
                setError(undefined);
              }}
              min={0.001}
              decimalScale={3}
              decimalSeparator=","
              error={error}
              data-testid="offer-quantity"
            />
            <Button type="submit" loading={create.isPending}>
              {t('offers.send')}
            </Button>
          </Stack>
        </form>
      </Popover.Dropdown>
    </Popover>
  );
}
