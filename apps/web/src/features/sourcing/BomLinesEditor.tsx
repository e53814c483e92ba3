import {
  ActionIcon,
  Button,
  Fieldset,
  Group,
  NativeSelect,
  NumberInput,
  SimpleGrid,
  Stack,
  TextInput,
} from '@mantine/core';
import { units } from '@retaille/domain/web';
import { useTranslation } from 'react-i18next';
import { MaterialMultiSelect, MaterialSelect } from '../../components/catalogue/MaterialSelect.tsx';
import type { AppLocale } from '../../i18n/i18n.ts';
import type { FieldErrors } from '../../lib/errors.ts';
import { type BomLineDraft, newLine } from './bom-lines.ts';

/** The BOM lines, one fieldset each (a card on phones), with the API's field errors under each input. */
export function BomLinesEditor({
  lines,
  onChange,
  errors,
  locale,
}: {
  lines: BomLineDraft[];
  onChange: (lines: BomLineDraft[]) => void;
  errors: FieldErrors;
  locale: AppLocale;
}) {
  const { t } = useTranslation('sourcing');
  const decimal = locale === 'fr' ? ',' : '.';
  const set = (i: number, patch: Partial<BomLineDraft>) =>
    onChange(lines.map((l, k) => (k === i ? { ...l, ...patch } : l)));
  return (
    <Stack gap="sm">
      {lines.map((l, i) => {
        const e = (f: string) => errors[`lines.${i}.${f}`];
        const mm = (field: 'minLengthMm' | 'minWidthMm' | 'minThicknessMm', label: string) => (
          <NumberInput
            label={label}
            value={l[field]}
            onChange={(v) => set(i, { [field]: v })}
            min={0}
            allowNegative={false}
            decimalSeparator={decimal}
            error={e(field)}
          />
        );
        return (
          <Fieldset key={l.key} legend={t('form.line', { n: i + 1 })} data-testid={`bom-line-${i}`}>
            <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
              <TextInput
                label={t('form.lineId')}
                value={l.id}
                maxLength={100}
                onChange={(ev) => set(i, { id: ev.currentTarget.value })}
                error={e('id')}
              />
              <MaterialSelect
                label={t('form.material')}
                nothingFound={t('form.materialNone')}
                locale={locale}
                value={l.material}
                onChange={(v) => set(i, { material: v })}
                error={e('material')}
                withAsterisk
                data-testid={`bom-material-${i}`}
              />
              <MaterialMultiSelect
                label={t('form.substitutes')}
                nothingFound={t('form.materialNone')}
                locale={locale}
                value={l.substitutes}
                onChange={(v) => set(i, { substitutes: v })}
                error={e('substitutes')}
              />
              <NumberInput
                label={t('form.quantity')}
                value={l.quantity}
                onChange={(v) => set(i, { quantity: v })}
                min={0}
                allowNegative={false}
                decimalSeparator={decimal}
                withAsterisk
                error={e('quantity')}
                data-testid={`bom-quantity-${i}`}
              />
              <NativeSelect
                label={t('form.unit')}
                value={l.unit}
                data={units.map((u) => ({ value: u.key, label: `${u.label[locale]} (${u.symbol[locale]})` }))}
                onChange={(ev) => set(i, { unit: ev.currentTarget.value as BomLineDraft['unit'] })}
                error={e('unit')}
                data-testid={`bom-unit-${i}`}
              />
              {mm('minLengthMm', t('form.minLength'))}
              {mm('minWidthMm', t('form.minWidth'))}
              {mm('minThicknessMm', t('form.minThickness'))}
            </SimpleGrid>
            {lines.length > 1 ? (
              <Group justify="flex-end" mt="xs">
                <ActionIcon
                  variant="subtle"
                  color="red"
                  aria-label={t('form.removeLine', { n: i + 1 })}
                  onClick={() => onChange(lines.filter((_, k) => k !== i))}
                >
                  ×
                </ActionIcon>
              </Group>
            ) : null}
          </Fieldset>
        );
      })}
      <Group>
        <Button
          variant="default"
          onClick={() => onChange([...lines, newLine(lines.length + 1)])}
          disabled={lines.length >= 50}
        >
          {t('form.addLine')}
        </Button>
      </Group>
    </Stack>
  );
}
