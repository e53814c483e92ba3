import { Alert, NativeSelect, NumberInput, SimpleGrid, Switch, Text, TextInput } from '@mantine/core';
import { getUnit, recurringPeriods } from '@retaille/domain/web';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../../../i18n/i18n.ts';
import type { SignedIn } from '../../../lib/session.ts';
import type { LotFormState } from '../lot-form.ts';
import { FormSection } from './FormSection.tsx';
import type { LotFormController } from './use-lot-form.ts';

/** « Quand » : availability dates and an optional recurring supply. */
export function WhenFields({ c }: { c: LotFormController }) {
  const { t } = useTranslation('catalogue');
  const locale = currentLocale();
  const { form } = c;
  const v = form.values;
  const unit = getUnit(v.unit);
  return (
    <FormSection title={t('form.when')} hint={t('form.whenHint')}>
      <SimpleGrid cols={2} spacing="sm">
        <TextInput type="date" label={t('form.availableFrom')} {...form.getInputProps('availableFrom')} />
        <TextInput
          type="date"
          label={t('form.availableUntil')}
          min={v.availableFrom || undefined}
          {...form.getInputProps('availableUntil')}
        />
      </SimpleGrid>
      <Switch
        label={t('form.recurring')}
        description={t('form.recurringHelp')}
        checked={v.recurringOn}
        onChange={(e) => form.setFieldValue('recurringOn', e.currentTarget.checked)}
      />
      {v.recurringOn && (
        <SimpleGrid cols={2} spacing="sm">
          <NumberInput
            label={t('form.recurringQuantity')}
            min={0}
            allowNegative={false}
            decimalSeparator={locale === 'fr' ? ',' : '.'}
            rightSection={
              <Text size="sm" c="dimmed" pr={8}>
                {unit.symbol[locale]}
              </Text>
            }
            rightSectionWidth={52}
            {...form.getInputProps('recurringQuantity')}
          />
          <NativeSelect
            label={t('form.recurringPeriod')}
            data={recurringPeriods.map((p) => ({ value: p, label: t(`period.per.${p}`) }))}
            value={v.recurringPeriod}
            onChange={(e) =>
              form.setFieldValue('recurringPeriod', e.currentTarget.value as LotFormState['recurringPeriod'])
            }
          />
        </SimpleGrid>
      )}
    </FormSection>
  );
}

/** « Où » : the member's site (fixed once the lot exists), with a notice while it is unverified. */
export function WhereFields({ c, me, editing }: { c: LotFormController; me: SignedIn; editing: boolean }) {
  const { t } = useTranslation('catalogue');
  const { form } = c;
  const v = form.values;
  const verified = me.sites.find((s) => s.siteId === v.siteId)?.verified ?? false;
  return (
    <FormSection title={t('form.where')}>
      <NativeSelect
        label={t('form.site')}
        description={editing ? t('form.siteFixed') : undefined}
        data={me.sites.map((s) => ({
          value: s.siteId,
          label: s.verified ? s.name : `${s.name} — ${t('form.unverifiedShort')}`,
        }))}
        value={v.siteId}
        disabled={editing}
        onChange={(e) => form.setFieldValue('siteId', e.currentTarget.value)}
        error={form.errors.siteId}
        data-testid="site-select"
      />
      {!verified && (
        <Alert color="wood" title={t('form.unverifiedTitle')} data-testid="unverified-notice">
          {t('form.unverifiedText')}
        </Alert>
      )}
    </FormSection>
  );
}
