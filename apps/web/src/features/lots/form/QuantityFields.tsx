import { NativeSelect, NumberInput, SimpleGrid, Stack, Switch, Text } from '@mantine/core';
import {
  type DimensionField,
  estimateMassKg,
  getMaterial,
  getUnit,
  requiredDimensions,
  type UnitKey,
  units,
} from '@retaille/domain/web';
import { useTranslation } from 'react-i18next';
import { formatMass } from '../../../components/catalogue/format.ts';
import { currentLocale } from '../../../i18n/i18n.ts';
import { dimensionInputs, dimensionsOf } from '../lot-form.ts';
import classes from '../lots.module.css';
import { FormSection } from './FormSection.tsx';
import type { LotFormController } from './use-lot-form.ts';

/** « Combien » : unit, quantity, the dimensions the unit needs, and the weighed or estimated mass. */
export function QuantityFields({ c }: { c: LotFormController }) {
  const { t } = useTranslation('catalogue');
  const locale = currentLocale();
  const { form } = c;
  const v = form.values;
  const material = getMaterial(v.materialKey);
  const unit = getUnit(v.unit);
  const required = new Set<DimensionField>(requiredDimensions(v.unit, material ?? null));
  const decimal = locale === 'fr' ? ',' : '.';
  const dimensionLabel: Record<DimensionField, string> = {
    lengthMm: t('form.length'),
    widthMm: t('form.width'),
    thicknessMm: t('form.thickness'),
    rollLengthM: t('form.rollLength'),
  };
  return (
    <FormSection title={t('form.howMuch')}>
      <SimpleGrid cols={2} spacing="sm">
        <NativeSelect
          label={t('form.unit')}
          data={units.map((u) => ({ value: u.key, label: `${u.label[locale]} (${u.symbol[locale]})` }))}
          value={v.unit}
          onChange={(e) => {
            c.touch('unit');
            form.setFieldValue('unit', e.currentTarget.value as UnitKey);
          }}
          error={form.errors.unit}
        />
        <NumberInput
          label={t('form.quantity')}
          withAsterisk
          min={0}
          allowNegative={false}
          allowDecimal={!unit.integer}
          decimalSeparator={decimal}
          thousandSeparator={locale === 'fr' ? ' ' : ','}
          rightSection={
            <Text size="sm" c="dimmed" pr={8}>
              {unit.symbol[locale]}
            </Text>
          }
          rightSectionWidth={52}
          inputMode={unit.integer ? 'numeric' : 'decimal'}
          {...form.getInputProps('quantity')}
          data-testid="quantity-input"
        />
      </SimpleGrid>
      {unit.dimensions.length > 0 && (
        <SimpleGrid cols={{ base: unit.dimensions.length === 3 ? 3 : 2 }} spacing="xs">
          {unit.dimensions.map((f) => {
            const input = dimensionInputs[f];
            return (
              <NumberInput
                key={f}
                label={t('form.dimensionIn', { dimension: dimensionLabel[f], unit: input.unit })}
                withAsterisk={required.has(f) && !v.weighed}
                min={0}
                allowNegative={false}
                // cm to the mm (one decimal), mm to the tenth, roll lengths to the cm.
                decimalScale={input.unit === 'm' ? 2 : 1}
                decimalSeparator={decimal}
                hideControls
                inputMode="decimal"
                rightSection={
                  <Text size="xs" c="dimmed" pr={6} aria-hidden>
                    {input.unit}
                  </Text>
                }
                rightSectionWidth={36}
                {...form.getInputProps(input.field)}
                data-testid={`dimension-${input.field}`}
              />
            );
          })}
        </SimpleGrid>
      )}
      {unit.kind !== 'mass' && <MassFields c={c} />}
    </FormSection>
  );
}

function MassFields({ c }: { c: LotFormController }) {
  const { t } = useTranslation('catalogue');
  const locale = currentLocale();
  const { form } = c;
  const v = form.values;
  const material = getMaterial(v.materialKey);
  const mass =
    material && v.quantity !== ''
      ? estimateMassKg({
          material,
          quantity: Number(v.quantity),
          unit: v.unit,
          dimensions: dimensionsOf(v),
          measuredKg: null,
        })
      : null;
  return (
    <Stack gap={6}>
      <Switch
        label={t('form.weighed')}
        checked={v.weighed}
        onChange={(e) => form.setFieldValue('weighed', e.currentTarget.checked)}
      />
      {v.weighed ? (
        <NumberInput
          label={t('form.measuredKg')}
          min={0}
          allowNegative={false}
          decimalSeparator={locale === 'fr' ? ',' : '.'}
          inputMode="decimal"
          rightSection={
            <Text size="sm" c="dimmed" pr={8}>
              kg
            </Text>
          }
          {...form.getInputProps('measuredKg')}
        />
      ) : (
        <Text size="sm" className={classes.massHint} aria-live="polite" data-testid="mass-estimate">
          {mass?.ok
            ? `${t('form.massEstimate', { mass: formatMass(mass.kg, locale) })}${mass.rough ? ` — ${t('form.massRough')}` : ''}`
            : !material
              ? t('form.massNeedsMaterial')
              : mass?.fields.includes('quantity') || v.quantity === ''
                ? t('form.massNeedsQuantity')
                : t('form.massNeeds')}
        </Text>
      )}
    </Stack>
  );
}
