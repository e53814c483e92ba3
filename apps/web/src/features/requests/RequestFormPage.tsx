import {
  Alert,
  Button,
  Container,
  Group,
  NativeSelect,
  NumberInput,
  Paper,
  SimpleGrid,
  Slider,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { fieldErrorsFromProblems, requestInputSchema } from '@retaille/api/client';
import { getUnit, type UnitKey, units, validateQuantity } from '@retaille/domain/web';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { z } from 'zod';
import { MaterialMultiSelect } from '../../components/catalogue/MaterialSelect.tsx';
import {
  defaultPoint,
  PointPicker,
  type PointValue,
  toSearchPoint,
} from '../../components/catalogue/PointPicker.tsx';
import { RequireAuth } from '../../components/RequireAuth.tsx';
import { currentLocale } from '../../i18n/i18n.ts';
import { type FieldErrors, fieldErrorsOf, messageOf } from '../../lib/errors.ts';
import type { SignedIn } from '../../lib/session.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { cmToMm, scaled } from '../../lib/units.ts';
import { validateWith } from '../../lib/validate.ts';

interface RequestFormState {
  title: string;
  description: string;
  materialKeys: string[];
  acceptSubstitutes: boolean;
  unit: UnitKey;
  quantityMin: number | string;
  quantityMax: number | string;
  minLengthCm: number | string;
  minWidthCm: number | string;
  minThicknessMm: number | string;
  maxDistanceKm: number;
  point: PointValue | null;
  neededBy: string;
  budgetEur: number | string;
}

const num = (v: number | string): number | undefined => (v === '' ? undefined : Number(v));

function toInput(v: RequestFormState): z.input<typeof requestInputSchema> {
  const budget = num(v.budgetEur);
  const length = num(v.minLengthCm);
  const width = num(v.minWidthCm);
  return {
    title: v.title,
    description: v.description,
    materialKeys: v.materialKeys as z.input<typeof requestInputSchema>['materialKeys'],
    acceptSubstitutes: v.acceptSubstitutes,
    unit: v.unit,
    quantityMin: num(v.quantityMin) as number,
    quantityMax: (num(v.quantityMax) ?? num(v.quantityMin)) as number,
    minLengthMm: length === undefined ? null : cmToMm(length),
    minWidthMm: width === undefined ? null : cmToMm(width),
    minThicknessMm: num(v.minThicknessMm) ?? null,
    maxDistanceKm: v.maxDistanceKm,
    point: (v.point ? toSearchPoint(v.point) : undefined) as z.input<typeof requestInputSchema>['point'],
    siteId: v.point?.kind === 'site' ? v.point.siteId : null,
    neededBy: v.neededBy || null,
    budgetCents: budget === undefined ? null : scaled(budget, 2),
  };
}

function toFormErrors(errors: FieldErrors): FieldErrors {
  const rename: Record<string, string> = {
    minLengthMm: 'minLengthCm',
    minWidthMm: 'minWidthCm',
    budgetCents: 'budgetEur',
    siteId: 'point',
  };
  const out: FieldErrors = {};
  for (const [path, message] of Object.entries(errors)) {
    const head = path.split('.')[0]!;
    out[rename[head] ?? head] ??= message;
  }
  return out;
}

export function RequestFormPage() {
  return <RequireAuth>{(me) => <RequestForm me={me} />}</RequireAuth>;
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Paper withBorder p="md" bg="white" component="fieldset" style={{ margin: 0 }}>
      <Stack gap="sm">
        <Title order={2} size="h4" component="legend" style={{ padding: 0, float: 'left', width: '100%' }}>
          {title}
        </Title>
        {children}
      </Stack>
    </Paper>
  );
}

function RequestForm({ me }: { me: SignedIn }) {
  const { t } = useTranslation('catalogue');
  const locale = currentLocale();
  const trpc = useTRPC();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const create = useMutation(trpc.requests.create.mutationOptions());
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<RequestFormState>({
    mode: 'controlled',
    initialValues: {
      title: '',
      description: '',
      materialKeys: [],
      acceptSubstitutes: true,
      unit: 'kg',
      quantityMin: '',
      quantityMax: '',
      minLengthCm: '',
      minWidthCm: '',
      minThicknessMm: '',
      maxDistanceKm: 50,
      point: defaultPoint(me),
      neededBy: '',
      budgetEur: '',
    },
    onValuesChange: () => setFormError(null),
  });
  const v = form.values;
  const unit = getUnit(v.unit);
  const decimal = locale === 'fr' ? ',' : '.';

  const onSubmit = form.onSubmit(async (values) => {
    setFormError(null);
    const input = toInput(values);
    const checked = validateWith(requestInputSchema, input, locale);
    const errors: FieldErrors = checked.ok ? {} : toFormErrors(checked.errors);
    for (const f of fieldErrorsFromProblems([
      ...(input.quantityMin === undefined
        ? []
        : validateQuantity(input.quantityMin, values.unit, 'quantityMin')),
      ...(input.quantityMax === undefined
        ? []
        : validateQuantity(input.quantityMax, values.unit, 'quantityMax')),
    ]))
      errors[f.path] ??= f[locale];
    if (!values.point) errors.point = t('requestForm.pointRequired');
    if (Object.keys(errors).length > 0) {
      form.setErrors(errors);
      setFormError(t('form.fixErrors'));
      return;
    }
    try {
      await create.mutateAsync(input);
      await queryClient.invalidateQueries({ queryKey: trpc.requests.pathKey() });
      notifications.show({ color: 'forest', message: t('requestForm.saved') });
      navigate('/demandes');
    } catch (error) {
      form.setErrors(toFormErrors(fieldErrorsOf(error, locale)));
      setFormError(messageOf(error, locale, t('common.error')));
    }
  });

  return (
    <Container size="sm">
      <form onSubmit={onSubmit} noValidate aria-labelledby="request-form-title">
        <Stack gap="md">
          <div>
            <Title order={1} id="request-form-title">
              {t('requestForm.title')}
            </Title>
            <Text c="dimmed" size="sm">
              {t('requestForm.lead')}
            </Text>
          </div>
          <Section title={t('requestForm.what')}>
            <TextInput
              label={t('requestForm.name')}
              placeholder={t('requestForm.namePlaceholder')}
              withAsterisk
              maxLength={120}
              {...form.getInputProps('title')}
            />
            <MaterialMultiSelect
              label={t('requestForm.materials')}
              placeholder={t('requestForm.materialsPlaceholder')}
              nothingFound={t('form.materialNone')}
              locale={locale}
              value={v.materialKeys}
              onChange={(keys) => form.setFieldValue('materialKeys', keys)}
              error={form.errors.materialKeys as string | undefined}
              withAsterisk
            />
            <Switch
              label={t('requestForm.substitutes')}
              description={t('requestForm.substitutesHelp')}
              checked={v.acceptSubstitutes}
              onChange={(e) => form.setFieldValue('acceptSubstitutes', e.currentTarget.checked)}
            />
            <Textarea
              label={t('requestForm.description')}
              placeholder={t('requestForm.descriptionPlaceholder')}
              autosize
              minRows={2}
              maxLength={4000}
              {...form.getInputProps('description')}
            />
          </Section>

          <Section title={t('requestForm.howMuch')}>
            <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm">
              <NativeSelect
                label={t('form.unit')}
                data={units.map((u) => ({ value: u.key, label: `${u.label[locale]} (${u.symbol[locale]})` }))}
                value={v.unit}
                onChange={(e) => form.setFieldValue('unit', e.currentTarget.value as UnitKey)}
              />
              <NumberInput
                label={t('requestForm.quantityMin')}
                withAsterisk
                min={0}
                allowNegative={false}
                allowDecimal={!unit.integer}
                decimalSeparator={decimal}
                rightSection={
                  <Text size="sm" c="dimmed" pr={8}>
                    {unit.symbol[locale]}
                  </Text>
                }
                rightSectionWidth={52}
                {...form.getInputProps('quantityMin')}
              />
              <NumberInput
                label={t('requestForm.quantityMax')}
                min={0}
                allowNegative={false}
                allowDecimal={!unit.integer}
                decimalSeparator={decimal}
                rightSection={
                  <Text size="sm" c="dimmed" pr={8}>
                    {unit.symbol[locale]}
                  </Text>
                }
                rightSectionWidth={52}
                {...form.getInputProps('quantityMax')}
              />
            </SimpleGrid>
            <Text size="sm" fw={500}>
              {t('requestForm.minDims')}
            </Text>
            <SimpleGrid cols={3} spacing="xs">
              <NumberInput
                label={t('form.length')}
                min={0}
                hideControls
                decimalSeparator={decimal}
                rightSection={
                  <Text size="xs" c="dimmed" pr={6}>
                    cm
                  </Text>
                }
                {...form.getInputProps('minLengthCm')}
              />
              <NumberInput
                label={t('form.width')}
                min={0}
                hideControls
                decimalSeparator={decimal}
                rightSection={
                  <Text size="xs" c="dimmed" pr={6}>
                    cm
                  </Text>
                }
                {...form.getInputProps('minWidthCm')}
              />
              <NumberInput
                label={t('form.thickness')}
                min={0}
                hideControls
                decimalSeparator={decimal}
                rightSection={
                  <Text size="xs" c="dimmed" pr={6}>
                    mm
                  </Text>
                }
                {...form.getInputProps('minThicknessMm')}
              />
            </SimpleGrid>
          </Section>

          <Section title={t('requestForm.where')}>
            <PointPicker
              me={me}
              value={v.point}
              onChange={(p) => form.setFieldValue('point', p)}
              label={t('requestForm.pointLabel')}
              error={form.errors.point as string | undefined}
            />
            <div>
              <Text size="sm" fw={500} id="request-radius" mb={4}>
                {t('requestForm.radius')} : {t('point.radiusValue', { km: v.maxDistanceKm })}
              </Text>
              <Slider
                min={5}
                max={200}
                step={5}
                value={v.maxDistanceKm}
                onChange={(km) => form.setFieldValue('maxDistanceKm', km)}
                label={null}
                thumbProps={{ 'aria-labelledby': 'request-radius' }}
                marks={[{ value: 50 }, { value: 100 }, { value: 150 }]}
                mt={8}
                mb="md"
              />
              {form.errors.maxDistanceKm && (
                <Text size="xs" c="red">
                  {form.errors.maxDistanceKm}
                </Text>
              )}
            </div>
          </Section>

          <Section title={t('requestForm.when')}>
            <SimpleGrid cols={2} spacing="sm">
              <TextInput type="date" label={t('requestForm.neededBy')} {...form.getInputProps('neededBy')} />
              <NumberInput
                label={t('requestForm.budget')}
                description={t('requestForm.budgetHelp')}
                min={0}
                allowNegative={false}
                decimalScale={2}
                decimalSeparator={decimal}
                rightSection={
                  <Text size="sm" c="dimmed" pr={8}>
                    €
                  </Text>
                }
                {...form.getInputProps('budgetEur')}
              />
            </SimpleGrid>
          </Section>

          {formError && (
            <Alert color="red" role="alert">
              {formError}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => navigate('/demandes')}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending}>
              {t('requestForm.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Container>
  );
}
