import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '../../lib/trpc.ts';

export interface CommuneOption {
  value: string;
  label: string;
}

/** A commune picked by name or postal code through the offline gazetteer (`geo.searchCommunes`). */
export function CommuneSelect({
  value,
  initial,
  onChange,
  label,
  description,
  error,
}: {
  value: string | null;
  initial: CommuneOption | null;
  onChange: (value: string | null) => void;
  label: string;
  description?: string;
  error?: string | undefined;
}) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const [search, setSearch] = useState(initial?.label ?? '');
  const [debounced] = useDebouncedValue(search.trim(), 250);
  const [picked, setPicked] = useState<CommuneOption | null>(initial);
  const typing = debounced.length >= 2 && debounced !== picked?.label;
  const results = useQuery({
    ...trpc.geo.searchCommunes.queryOptions({ q: debounced, limit: 10 }),
    enabled: typing,
  });
  const options: CommuneOption[] = (results.data ?? []).map((c) => ({
    value: c.insee,
    label: `${c.name} (${c.postalCodes[0] ?? c.departementCode})`,
  }));
  if (picked && !options.some((o) => o.value === picked.value)) options.unshift(picked);

  return (
    <Select
      label={label}
      description={description}
      placeholder={t('account.homeSearch')}
      searchable
      clearable
      data={options}
      value={value}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options: all }) => all}
      nothingFoundMessage={typing && results.isSuccess ? t('account.homeNone') : undefined}
      onChange={(v, option) => {
        setPicked(option ? { value: option.value, label: option.label } : null);
        onChange(v);
      }}
      error={error}
      rightSectionPointerEvents={value ? 'all' : 'none'}
    />
  );
}
