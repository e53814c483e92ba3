import {
  Group,
  NumberInput,
  SegmentedControl,
  Select,
  Slider,
  Stack,
  Switch,
  Text,
  TextInput,
} from '@mantine/core';
import {
  getMaterial,
  type LotCondition,
  lotConditions,
  type MaterialFamilyKey,
  type MaterialKey,
  materialFamilies,
  type SectorKey,
} from '@retaille/domain/web';
import { useTranslation } from 'react-i18next';
import { MaterialSelect } from '../../../components/catalogue/MaterialSelect.tsx';
import type { PointValue } from '../../../components/catalogue/PointPicker.tsx';
import { currentLocale } from '../../../i18n/i18n.ts';
import { sectorOptions } from '../../../lib/labels.ts';
import { type BrowseState, RADIUS_MAX, RADIUS_MIN } from '../browse-params.ts';
import type { Browse } from './use-browse.ts';

function Unit({ children }: { children: string }) {
  return (
    <Text size="xs" c="dimmed" pr={6}>
      {children}
    </Text>
  );
}

const numOrNull = (v: number | string): number | null =>
  v === '' || Number.isNaN(Number(v)) ? null : Number(v);

export function SearchField({ browse }: { browse: Browse }) {
  const { t } = useTranslation('catalogue');
  const { draft, setDraft } = browse;
  return (
    <TextInput
      label={t('browse.search')}
      placeholder={t('browse.searchPlaceholder')}
      type="search"
      value={draft.q}
      onChange={(e) => setDraft({ ...draft, q: e.currentTarget.value })}
      maxLength={200}
      data-testid="lot-search"
    />
  );
}

export function RadiusField({ browse, point }: { browse: Browse; point: PointValue | null }) {
  const { t } = useTranslation('catalogue');
  const { radius, setRadius, update } = browse;
  return (
    <div>
      <Text size="sm" fw={500} id="radius-label" mb={4}>
        {t('point.radius')} : <span data-testid="radius-value">{t('point.radiusValue', { km: radius })}</span>
      </Text>
      <Slider
        min={RADIUS_MIN}
        max={RADIUS_MAX}
        step={5}
        value={radius}
        onChange={setRadius}
        onChangeEnd={(v) => update({ radiusKm: v })}
        disabled={!point}
        label={null}
        thumbProps={{ 'aria-labelledby': 'radius-label' }}
        marks={[{ value: 50 }, { value: 100 }, { value: 150 }]}
        mt={8}
        mb="xs"
      />
    </div>
  );
}

export function SortField({ browse, point }: { browse: Browse; point: PointValue | null }) {
  const { t } = useTranslation('catalogue');
  return (
    <div>
      <Text size="sm" fw={500} id="sort-label" mb={4}>
        {t('browse.sort')}
      </Text>
      <SegmentedControl
        fullWidth
        aria-labelledby="sort-label"
        value={point ? browse.state.sort : 'newest'}
        onChange={(v) => browse.update({ sort: v as BrowseState['sort'] })}
        data={[
          { value: 'distance', label: t('browse.sortDistance'), disabled: !point },
          { value: 'newest', label: t('browse.sortNewest') },
        ]}
      />
    </div>
  );
}

/** The filters behind « Plus de filtres »: material, condition, sector, price, quantity, sizes. */
export function MoreFields({ browse }: { browse: Browse }) {
  const { t } = useTranslation('catalogue');
  const locale = currentLocale();
  const { state, update, draft, setDraft } = browse;
  const decimal = locale === 'fr' ? ',' : '.';
  const familyOptions = materialFamilies.map((f) => ({ value: f.key, label: f.label[locale] }));
  return (
    <>
      <Select
        label={t('browse.family')}
        placeholder={t('browse.all')}
        data={familyOptions}
        value={state.familyKey}
        clearable
        onChange={(v) => {
          const family = (v as MaterialFamilyKey | null) ?? null;
          const keep = state.materialKey && (!family || getMaterial(state.materialKey)?.familyKey === family);
          update({ familyKey: family, materialKey: keep ? state.materialKey : null });
        }}
      />
      <Stack gap={4}>
        <MaterialSelect
          label={t('browse.material')}
          placeholder={t('browse.materialPlaceholder')}
          nothingFound={t('form.materialNone')}
          locale={locale}
          family={state.familyKey}
          value={state.materialKey}
          onChange={(v) => update({ materialKey: (v as MaterialKey | null) ?? null })}
          clearable
        />
        {state.materialKey && (
          <Switch
            size="xs"
            label={t('browse.withSubstitutes')}
            checked={state.withSubstitutes}
            onChange={(e) => update({ withSubstitutes: e.currentTarget.checked })}
          />
        )}
      </Stack>
      <Select
        label={t('browse.condition')}
        placeholder={t('browse.all')}
        data={lotConditions.map((c) => ({ value: c, label: t(`condition.${c}`) }))}
        value={state.condition}
        clearable
        onChange={(v) => update({ condition: (v as LotCondition | null) ?? null })}
      />
      <Select
        label={t('browse.sector')}
        placeholder={t('browse.all')}
        data={sectorOptions(locale)}
        value={state.sector}
        clearable
        searchable
        onChange={(v) => update({ sector: (v as SectorKey | null) ?? null })}
      />
      <Switch
        label={t('browse.freeOnly')}
        checked={state.freeOnly}
        onChange={(e) => update({ freeOnly: e.currentTarget.checked })}
        mt={{ base: 0, lg: 30 }}
      />
      <NumberInput
        label={t('browse.maxPrice')}
        decimalSeparator={decimal}
        decimalScale={2}
        min={0}
        rightSection={
          <Text size="xs" c="dimmed" pr={6}>
            {t('browse.maxPriceHelp')}
          </Text>
        }
        rightSectionWidth={74}
        hideControls
        disabled={state.freeOnly}
        value={draft.maxPriceEur ?? ''}
        onChange={(v) => setDraft({ ...draft, maxPriceEur: numOrNull(v) })}
      />
      <NumberInput
        label={t('browse.minQuantity')}
        decimalSeparator={decimal}
        min={0}
        hideControls
        value={draft.minQuantity ?? ''}
        onChange={(v) => setDraft({ ...draft, minQuantity: numOrNull(v) })}
      />
      <SizeFields browse={browse} />
    </>
  );
}

function SizeFields({ browse }: { browse: Browse }) {
  const { t } = useTranslation('catalogue');
  const decimal = currentLocale() === 'fr' ? ',' : '.';
  const { draft, setDraft } = browse;
  const field = (key: 'minLengthCm' | 'minWidthCm' | 'minThicknessMm', label: string, unit: string) => (
    <NumberInput
      label={label}
      min={0}
      hideControls
      rightSection={<Unit>{unit}</Unit>}
      decimalSeparator={decimal}
      value={draft[key] ?? ''}
      onChange={(v) => setDraft({ ...draft, [key]: numOrNull(v) })}
    />
  );
  return (
    <Group grow gap="xs" align="flex-start" wrap="nowrap">
      {field('minLengthCm', t('browse.minLength'), 'cm')}
      {field('minWidthCm', t('browse.minWidth'), 'cm')}
      {field('minThicknessMm', t('browse.minThickness'), 'mm')}
    </Group>
  );
}
