import { NumberInput, SegmentedControl, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatMoney, unitForPrice } from '../../../components/catalogue/format.ts';
import { currentLocale } from '../../../i18n/i18n.ts';
import { FormSection } from './FormSection.tsx';
import type { LotFormController } from './use-lot-form.ts';

/** « Prix » : a donation, or a price per unit typed in euros. */
export function PriceFields({ c }: { c: LotFormController }) {
  const { t } = useTranslation('catalogue');
  const locale = currentLocale();
  const { form } = c;
  const v = form.values;
  return (
    <FormSection title={t('form.price')}>
      <SegmentedControl
        fullWidth
        value={v.free ? 'free' : 'priced'}
        onChange={(x) => form.setFieldValue('free', x === 'free')}
        data={[
          { value: 'free', label: t('form.free') },
          { value: 'priced', label: t('form.priced') },
        ]}
        aria-label={t('form.price')}
        data-testid="price-mode"
      />
      {v.free ? (
        <Text size="sm" c="dimmed">
          {t('form.freeHelp')}
        </Text>
      ) : (
        <NumberInput
          label={t('form.pricePerUnit', { unit: unitForPrice(v.unit, locale) })}
          description={
            v.priceEur !== '' && Number(v.priceEur) > 0
              ? t('form.priceShown', {
                  price: `${formatMoney(Math.round(Number(v.priceEur) * 100), locale)} / ${unitForPrice(v.unit, locale)}`,
                })
              : t('form.priceHelp')
          }
          withAsterisk
          min={0}
          allowNegative={false}
          decimalScale={2}
          decimalSeparator={locale === 'fr' ? ',' : '.'}
          inputMode="decimal"
          rightSection={
            <Text size="sm" c="dimmed" pr={8}>
              €
            </Text>
          }
          {...form.getInputProps('priceEur')}
          data-testid="price-input"
        />
      )}
    </FormSection>
  );
}
