/** The seller's handover: measured weight and how the lot travelled (docs/impact-method.md §4). */
import { Alert, Button, Checkbox, Group, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import type { TradeOutput } from '@retaille/api/client';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../../i18n/i18n.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { validateWith } from '../../lib/validate.ts';
import {
  type HandOverTravelMode,
  handOverFormSchema,
  handOverTravelModes,
  handOverValues,
  placeHandOverErrors,
  travelFieldsFor,
} from './handOverForm.ts';
import { type Errors, useRun } from './tradeActionParts.tsx';

export function HandOver({ trade }: { trade: TradeOutput }) {
  const { t } = useTranslation('trades');
  const locale = currentLocale();
  const trpc = useTRPC();
  const handOver = useMutation(trpc.trades.handOver.mutationOptions());
  const run = useRun();
  const [kg, setKg] = useState('');
  // How the lot travelled (docs/impact-method.md §4); '' = not recorded, the labelled default.
  const [mode, setMode] = useState<HandOverTravelMode | ''>('');
  const [roundTrip, setRoundTrip] = useState(true);
  const [distance, setDistance] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const fields = travelFieldsFor(mode);
  const placed = placeHandOverErrors(errors, mode);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!kg.trim()) return setErrors({ measuredKg: t('action.weightRequired') });
    const values = handOverValues({ tradeId: trade.id, kg, mode, roundTrip, distance });
    const checked = validateWith(handOverFormSchema, values, locale);
    if (!checked.ok) return setErrors(checked.errors);
    await run(() => handOver.mutateAsync(values), setErrors);
  };
  return (
    <form onSubmit={(e) => void submit(e)} noValidate data-testid="hand-over">
      <Stack gap="xs">
        <TextInput
          label={t('action.measuredKg')}
          description={t('action.measuredKgHelp')}
          inputMode="decimal"
          autoComplete="off"
          required
          value={kg}
          onChange={(e) => setKg(e.currentTarget.value)}
          error={placed.byField.measuredKg}
          maw={320}
          rightSection={<Text size="sm">kg</Text>}
        />
        <NativeSelect
          label={t('action.travel')}
          description={t('action.travelHelp')}
          value={mode}
          onChange={(e) => {
            setMode(e.currentTarget.value as HandOverTravelMode | '');
            setErrors(({ measuredKg }): Errors => (measuredKg ? { measuredKg } : {}));
          }}
          data={[
            { value: '', label: t('travel.none') },
            ...handOverTravelModes.map((m) => ({ value: m, label: t(`travel.${m}`) })),
          ]}
          error={placed.byField['travel.mode']}
          maw={320}
          data-testid="travel-mode"
        />
        {fields.distance !== 'hidden' && (
          <TextInput
            label={fields.distance === 'required' ? t('action.tourDistance') : t('action.distance')}
            description={
              fields.distance === 'required' ? t('action.tourDistanceHelp') : t('action.distanceHelp')
            }
            inputMode="decimal"
            autoComplete="off"
            required={fields.distance === 'required'}
            value={distance}
            onChange={(e) => setDistance(e.currentTarget.value)}
            error={placed.byField['travel.distanceKm']}
            maw={320}
            rightSection={<Text size="sm">km</Text>}
            data-testid="travel-distance"
          />
        )}
        {fields.roundTrip && (
          <Checkbox
            label={t('action.roundTrip')}
            checked={roundTrip}
            onChange={(e) => setRoundTrip(e.currentTarget.checked)}
            error={placed.byField['travel.roundTrip']}
          />
        )}
        {placed.general.length > 0 && (
          <Alert color="red" variant="light" role="alert" data-testid="hand-over-errors">
            {placed.general.map((m) => (
              <Text key={m} size="sm">
                {m}
              </Text>
            ))}
          </Alert>
        )}
        <Group>
          <Button type="submit" loading={handOver.isPending}>
            {t('action.hand_over')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
