import { Chip, Group, Text, Textarea, TextInput } from '@mantine/core';
import { lotConditions } from '@retaille/domain/web';
import { useTranslation } from 'react-i18next';
import { MaterialSelect } from '../../../components/catalogue/MaterialSelect.tsx';
import { currentLocale } from '../../../i18n/i18n.ts';
import { FormSection } from './FormSection.tsx';
import type { LotFormController } from './use-lot-form.ts';

/** « Quoi » : material, condition, title (suggested until typed) and description. */
export function WhatFields({ c }: { c: LotFormController }) {
  const { t } = useTranslation('catalogue');
  const locale = currentLocale();
  const { form } = c;
  const v = form.values;
  return (
    <FormSection title={t('form.what')}>
      <MaterialSelect
        label={t('form.material')}
        placeholder={t('form.materialPlaceholder')}
        nothingFound={t('form.materialNone')}
        locale={locale}
        value={v.materialKey || null}
        onChange={c.onMaterial}
        error={form.errors.materialKey as string | undefined}
        withAsterisk
        data-testid="material-select"
      />
      <div role="radiogroup" aria-labelledby="condition-label">
        <Text size="sm" fw={500} id="condition-label" mb={6}>
          {t('form.condition')}
        </Text>
        <Chip.Group multiple={false} value={v.condition} onChange={c.onCondition}>
          <Group gap={6}>
            {lotConditions.map((k) => (
              <Chip key={k} value={k} variant="outline" color="forest">
                {t(`condition.${k}`)}
              </Chip>
            ))}
          </Group>
        </Chip.Group>
      </div>
      <TextInput
        label={t('form.title')}
        description={c.touched.title ? undefined : t('form.titleHelp')}
        withAsterisk
        maxLength={120}
        {...form.getInputProps('title')}
        onChange={(e) => {
          c.touch('title');
          form.setFieldValue('title', e.currentTarget.value);
        }}
      />
      <Textarea
        label={t('form.description')}
        placeholder={t('form.descriptionPlaceholder')}
        autosize
        minRows={2}
        maxRows={8}
        maxLength={4000}
        {...form.getInputProps('description')}
      />
    </FormSection>
  );
}
