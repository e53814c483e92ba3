import {
  type ComboboxItem,
  type ComboboxParsedItem,
  Group,
  MultiSelect,
  type OptionsFilter,
  Select,
  Text,
} from '@mantine/core';
import {
  getMaterial,
  type MaterialFamilyKey,
  materialFamilies,
  materials,
  searchMaterials,
} from '@retaille/domain/web';
import { useMemo } from 'react';
import type { AppLocale } from '../../i18n/i18n.ts';

/** Materials grouped by family, optionally limited to one family. */
function groupedData(locale: AppLocale, family?: MaterialFamilyKey | null) {
  return materialFamilies
    .filter((f) => !family || f.key === family)
    .map((f) => ({
      group: f.label[locale],
      items: materials
        .filter((m) => m.familyKey === f.key)
        .map((m) => ({ value: m.key as string, label: m.label[locale] })),
    }))
    .filter((g) => g.items.length > 0);
}

/**
 * Ranks options with the taxonomy's own accent-insensitive search (labels, aliases, both
 * languages, family), so "hetre", "MDF" or "acrylique" find their material.
 */
function materialFilter(locale: AppLocale): OptionsFilter {
  return ({ options, search, limit }) => {
    if (!search.trim()) return options;
    const allowed = new Map<string, ComboboxItem>();
    for (const o of options) {
      if ('group' in o) for (const i of o.items) allowed.set(i.value, i);
      else allowed.set(o.value, o);
    }
    const out: ComboboxParsedItem[] = [];
    for (const m of searchMaterials(search, locale, 60)) {
      const item = allowed.get(m.key);
      if (item) out.push(item);
      if (out.length >= limit) break;
    }
    return out;
  };
}

function renderMaterialOption(locale: AppLocale) {
  return ({ option }: { option: ComboboxItem }) => {
    const m = getMaterial(option.value);
    const family = m ? materialFamilies.find((f) => f.key === m.familyKey)?.label[locale] : undefined;
    return (
      <Group gap={6} wrap="nowrap" justify="space-between" w="100%">
        <Text size="sm">{option.label}</Text>
        {family && (
          <Text size="xs" c="dimmed" ta="right">
            {family}
          </Text>
        )}
      </Group>
    );
  };
}

interface CommonProps {
  label: string;
  placeholder?: string;
  description?: string;
  error?: string | undefined;
  nothingFound: string;
  locale: AppLocale;
  family?: MaterialFamilyKey | null;
  withAsterisk?: boolean;
  'data-testid'?: string;
}

/** One material picked from the taxonomy, searchable by name, alias or family. */
export function MaterialSelect({
  value,
  onChange,
  clearable,
  ...p
}: CommonProps & { value: string | null; onChange: (v: string | null) => void; clearable?: boolean }) {
  const data = useMemo(() => groupedData(p.locale, p.family), [p.locale, p.family]);
  const filter = useMemo(() => materialFilter(p.locale), [p.locale]);
  return (
    <Select
      label={p.label}
      placeholder={p.placeholder}
      description={p.description}
      error={p.error}
      withAsterisk={p.withAsterisk}
      data={data}
      value={value}
      onChange={onChange}
      searchable
      clearable={clearable}
      filter={filter}
      limit={40}
      maxDropdownHeight={320}
      nothingFoundMessage={p.nothingFound}
      renderOption={renderMaterialOption(p.locale)}
      comboboxProps={{ withinPortal: true }}
      data-testid={p['data-testid']}
    />
  );
}

/** Several materials (a wanted request accepts a few). */
export function MaterialMultiSelect({
  value,
  onChange,
  ...p
}: CommonProps & { value: string[]; onChange: (v: string[]) => void }) {
  const data = useMemo(() => groupedData(p.locale, p.family), [p.locale, p.family]);
  const filter = useMemo(() => materialFilter(p.locale), [p.locale]);
  return (
    <MultiSelect
      label={p.label}
      placeholder={p.placeholder}
      description={p.description}
      error={p.error}
      withAsterisk={p.withAsterisk}
      data={data}
      value={value}
      onChange={onChange}
      searchable
      clearable
      hidePickedOptions
      filter={filter}
      limit={40}
      maxValues={20}
      maxDropdownHeight={320}
      nothingFoundMessage={p.nothingFound}
      renderOption={renderMaterialOption(p.locale)}
      data-testid={p['data-testid']}
    />
  );
}
