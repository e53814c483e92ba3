import { NativeSelect, Select, Stack, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import type { Me } from '@retaille/api/client';
import { useQuery } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '../../lib/trpc.ts';

/** Where a search or a wanted request is centred. `label` only serves to show the commune again. */
export type PointValue =
  | { kind: 'site'; siteId: string }
  | { kind: 'home' }
  | { kind: 'commune'; insee: string; label: string }
  | { kind: 'point'; lat: number; lon: number };

export type SearchPoint =
  | { kind: 'site'; siteId: string }
  | { kind: 'home' }
  | { kind: 'commune'; insee: string }
  | { kind: 'point'; lat: number; lon: number };

export function toSearchPoint(p: PointValue): SearchPoint {
  switch (p.kind) {
    case 'commune':
      return { kind: 'commune', insee: p.insee };
    case 'point':
      return { kind: 'point', lat: p.lat, lon: p.lon };
    case 'site':
      return { kind: 'site', siteId: p.siteId };
    case 'home':
      return { kind: 'home' };
  }
}

/** The natural centre for a signed-in user: the active site, else home; null for visitors. */
export function defaultPoint(me: Me | undefined): PointValue | null {
  if (!me) return null;
  const site = me.sites.find((s) => s.siteId === me.activeSiteId) ?? me.sites[0];
  if (site) return { kind: 'site', siteId: site.siteId };
  if (me.home) return { kind: 'home' };
  return null;
}

/** The centre in words: "Électrolab", "Chez moi (Paris)", "Lyon (69001)", "Point choisi sur la carte". */
export function pointLabel(p: PointValue, me: Me | undefined, t: TFunction<'catalogue'>): string {
  switch (p.kind) {
    case 'site':
      return me?.sites.find((s) => s.siteId === p.siteId)?.name ?? t('point.otherSite');
    case 'home':
      return me?.home?.communeName
        ? t('point.home', { commune: me.home.communeName })
        : t('point.homeNoCommune');
    case 'commune':
      return p.label;
    case 'point':
      return t('point.mapPoint');
  }
}

const ANYWHERE = 'anywhere';

function modeOf(p: PointValue | null): string {
  if (!p) return ANYWHERE;
  return p.kind === 'site' ? `site:${p.siteId}` : p.kind;
}

/** A commune by name or postal code, from the offline gazetteer (`geo.searchCommunes`). */
export function CommuneAutocomplete({
  value,
  onChange,
  label,
  error,
}: {
  value: { insee: string; label: string } | null;
  onChange: (v: { insee: string; label: string; lat: number; lon: number } | null) => void;
  label: string;
  error?: string | undefined;
}) {
  const { t } = useTranslation('catalogue');
  const trpc = useTRPC();
  const [search, setSearch] = useState(value?.label ?? '');
  const [debounced] = useDebouncedValue(search.trim(), 250);
  const typing = debounced.length >= 2 && debounced !== value?.label;
  const results = useQuery({
    ...trpc.geo.searchCommunes.queryOptions({ q: debounced, limit: 10 }),
    enabled: typing,
  });
  const found = results.data ?? [];
  const options = found.map((c) => ({
    value: c.insee,
    label: `${c.name} (${c.postalCodes[0] ?? c.departementCode})`,
  }));
  if (value && !options.some((o) => o.value === value.insee))
    options.unshift({ value: value.insee, label: value.label });
  return (
    <Select
      label={label}
      placeholder={t('point.communeSearch')}
      searchable
      clearable
      data={options}
      value={value?.insee ?? null}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options: all }) => all}
      nothingFoundMessage={typing && results.isSuccess ? t('point.communeNone') : undefined}
      onChange={(insee, option) => {
        const c = found.find((x) => x.insee === insee);
        if (c && option) onChange({ insee: c.insee, label: option.label, lat: c.lat, lon: c.lon });
        else if (!insee) onChange(null);
      }}
      error={error}
      data-testid="commune-autocomplete"
    />
  );
}

/**
 * Chooses the centre: one of my sites, my home, a commune (autocomplete), a point on the map
 * (`allowMap`), or nowhere (`allowAnywhere`: the whole country, newest first).
 */
export function PointPicker({
  me,
  value,
  onChange,
  allowMap = false,
  allowAnywhere = false,
  error,
  label,
}: {
  me: Me | undefined;
  value: PointValue | null;
  onChange: (v: PointValue | null) => void;
  allowMap?: boolean;
  allowAnywhere?: boolean;
  error?: string | undefined;
  label?: string;
}) {
  const { t } = useTranslation('catalogue');
  const [communeMode, setCommuneMode] = useState(value?.kind === 'commune');
  const mode = communeMode && value?.kind !== 'commune' ? 'commune' : modeOf(value);

  const options: { value: string; label: string }[] = [];
  for (const s of me?.sites ?? [])
    options.push({ value: `site:${s.siteId}`, label: t('point.site', { name: s.name }) });
  if (me?.home)
    options.push({
      value: 'home',
      label: me.home.communeName
        ? t('point.home', { commune: me.home.communeName })
        : t('point.homeNoCommune'),
    });
  options.push({ value: 'commune', label: t('point.commune') });
  if (allowMap) options.push({ value: 'point', label: t('point.map') });
  if (allowAnywhere) options.push({ value: ANYWHERE, label: t('point.anywhere') });
  // A value from the URL that this user cannot use any more (signed out): keep it visible.
  if (!options.some((o) => o.value === mode)) {
    if (value?.kind === 'site') options.unshift({ value: mode, label: t('point.otherSite') });
    if (value?.kind === 'home') options.unshift({ value: mode, label: t('point.homeNoCommune') });
  }

  const onMode = (m: string) => {
    setCommuneMode(m === 'commune');
    if (m === ANYWHERE) onChange(null);
    else if (m === 'home') onChange({ kind: 'home' });
    else if (m.startsWith('site:')) onChange({ kind: 'site', siteId: m.slice(5) });
    else if (m === 'point') {
      if (value?.kind !== 'point') onChange({ kind: 'point', lat: 46.6, lon: 2.4 });
    }
    // 'commune': wait for a commune to be picked.
  };

  return (
    <Stack gap="xs">
      <NativeSelect
        label={label ?? t('point.label')}
        data={options}
        value={mode}
        onChange={(e) => onMode(e.currentTarget.value)}
        error={mode === 'commune' ? undefined : error}
        data-testid="point-mode"
      />
      {mode === 'commune' && (
        <CommuneAutocomplete
          label={t('point.communeLabel')}
          value={value?.kind === 'commune' ? { insee: value.insee, label: value.label } : null}
          onChange={(c) => {
            if (c) onChange({ kind: 'commune', insee: c.insee, label: c.label });
          }}
          error={error}
        />
      )}
      {mode === 'point' && (
        <Text size="xs" c="dimmed">
          {t('point.mapHint')}
        </Text>
      )}
    </Stack>
  );
}
