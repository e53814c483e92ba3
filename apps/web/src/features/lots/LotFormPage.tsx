import {
  Alert,
  Anchor,
  Button,
  Center,
  Chip,
  Container,
  Group,
  Loader,
  NativeSelect,
  NumberInput,
  Paper,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { type LotView, lotInputSchema } from '@retaille/api/client';
import {
  type DimensionField,
  estimateMassKg,
  getMaterial,
  getUnit,
  type LotCondition,
  lotConditions,
  recurringPeriods,
  requiredDimensions,
  type UnitKey,
  units,
} from '@retaille/domain/web';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { formatMass, formatMoney, materialLabel, unitForPrice } from '../../components/catalogue/format.ts';
import { MaterialSelect } from '../../components/catalogue/MaterialSelect.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { RequireAuth } from '../../components/RequireAuth.tsx';
import { currentLocale } from '../../i18n/i18n.ts';
import { fieldErrorsOf, messageOf } from '../../lib/errors.ts';
import type { SignedIn } from '../../lib/session.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { validateWith } from '../../lib/validate.ts';
import {
  dimensionsOf,
  emptyLotForm,
  fromLot,
  type LotFormState,
  measureErrors,
  toFormErrors,
  toLotInput,
  usualUnit,
} from './lot-form.ts';
import classes from './lots.module.css';
import { PhotoUploader, usePhotoUploads } from './PhotoUploader.tsx';

/** Post a lot (/lots/nouveau) or edit one (/lots/:id/modifier); signed-in site members only. */
export function LotFormPage() {
  const { id } = useParams();
  return <RequireAuth>{(me) => <LotFormLoader me={me} id={id} />}</RequireAuth>;
}

function LotFormLoader({ me, id }: { me: SignedIn; id: string | undefined }) {
  const { t } = useTranslation('catalogue');
  const trpc = useTRPC();
  const existing = useQuery({
    ...trpc.lots.get.queryOptions({ id: id ?? '' }),
    enabled: Boolean(id),
    retry: false,
  });
  if (id && existing.isPending) {
    return (
      <Center py="xl">
        <Loader aria-label={t('common.loading')} />
      </Center>
    );
  }
  if (id && existing.isError) {
    return (
      <Container size="sm">
        <QueryError error={existing.error} />
      </Container>
    );
  }
  if (me.sites.length === 0) {
    return (
      <Container size="sm">
        <Stack>
          <Title order={1}>{t('form.createTitle')}</Title>
          <Alert color="wood" title={t('form.noSiteTitle')}>
            <Stack gap="xs">
              <Text size="sm">{t('form.noSiteText')}</Text>
              <Group gap="md">
                <Anchor component={Link} to="/sites/new" size="sm" fw={600}>
                  {t('form.noSiteCreate')} →
                </Anchor>
                <Anchor component={Link} to="/sites" size="sm">
                  {t('form.noSiteBrowse')}
                </Anchor>
              </Group>
            </Stack>
          </Alert>
        </Stack>
      </Container>
    );
  }
  return <LotForm me={me} lot={existing.data} key={existing.data?.id ?? 'new'} />;
}

function Section({ title, children, hint }: { title: string; hint?: string; children: ReactNode }) {
  const id = `section-${title.replace(/\W+/g, '-')}`;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={id} bg="white">
      <Stack gap="sm">
        <div>
          <Title order={2} size="h4" id={id}>
            {title}
          </Title>
          {hint && (
            <Text size="xs" c="dimmed">
              {hint}
            </Text>
          )}
        </div>
        {children}
      </Stack>
    </Paper>
  );
}

function focusFirstError() {
  requestAnimationFrame(() => {
    const el = document.querySelector<HTMLElement>('form [aria-invalid="true"], form [data-field-error]');
    el?.focus();
    el?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  });
}

function LotForm({ me, lot }: { me: SignedIn; lot: LotView | undefined }) {
  const { t } = useTranslation('catalogue');
  const locale = currentLocale();
  const trpc = useTRPC();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const uploads = usePhotoUploads();
  const defaultSite = me.sites.find((s) => s.siteId === me.activeSiteId) ?? me.sites[0]!;
  const form = useForm<LotFormState>({
    mode: 'controlled',
    initialValues: lot ? fromLot(lot) : emptyLotForm(defaultSite.siteId),
    // The general "fix the fields" message goes once the user edits; field errors clear one by one.
    onValuesChange: () => setFormError(null),
  });
  const [touched, setTouched] = useState({ title: Boolean(lot), unit: Boolean(lot) });
  const [formError, setFormError] = useState<string | null>(null);
  const [action, setAction] = useState<'publish' | 'draft' | null>(null);
  const [photoError, setPhotoError] = useState<string | undefined>();
  const create = useMutation(trpc.lots.create.mutationOptions());
  const update = useMutation(trpc.lots.update.mutationOptions());
  const pending = create.isPending || update.isPending;

  // biome-ignore lint/correctness/useExhaustiveDependencies: load the lot's photos once
  useEffect(() => {
    if (lot) uploads.load(lot.photos);
  }, []);

  const v = form.values;
  const material = getMaterial(v.materialKey);
  const unit = getUnit(v.unit);
  const required = new Set<DimensionField>(requiredDimensions(v.unit, material ?? null));
  const site = me.sites.find((s) => s.siteId === v.siteId);
  const verified = site?.verified ?? false;
  const editing = Boolean(lot);
  const alreadyListed = lot?.status === 'published' || lot?.status === 'reserved';

  const autoTitle = (materialKey: string, condition: LotCondition) =>
    materialKey
      ? t('form.autoTitle', {
          material: materialLabel(materialKey, locale),
          condition: t(`condition.${condition}`).toLowerCase(),
        })
      : '';

  const onMaterial = (key: string | null) => {
    form.setFieldValue('materialKey', key ?? '');
    const m = key ? getMaterial(key) : undefined;
    if (m && !touched.unit) form.setFieldValue('unit', usualUnit[m.familyKey]);
    if (!touched.title) form.setFieldValue('title', autoTitle(key ?? '', v.condition));
  };
  const onCondition = (c: string | string[]) => {
    const condition = (Array.isArray(c) ? c[0] : c) as LotCondition;
    form.setFieldValue('condition', condition);
    if (!touched.title && v.materialKey) form.setFieldValue('title', autoTitle(v.materialKey, condition));
  };

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

  const submit = async (publish: boolean) => {
    setAction(publish ? 'publish' : 'draft');
    setFormError(null);
    setPhotoError(undefined);
    if (uploads.uploading) {
      setFormError(t('form.waitPhotos'));
      return;
    }
    const values = form.getValues();
    const input = toLotInput(values, uploads.photoIds, publish);
    const checked = validateWith(lotInputSchema, input, locale);
    const errors = {
      ...toFormErrors(measureErrors(values, locale)),
      ...(checked.ok ? {} : toFormErrors(checked.errors)),
    };
    if (Object.keys(errors).length > 0) {
      form.setErrors(errors);
      if (errors.photos) setPhotoError(errors.photos);
      setFormError(t('form.fixErrors'));
      focusFirstError();
      return;
    }
    try {
      const saved = lot
        ? await update.mutateAsync({ id: lot.id, lot: input })
        : await create.mutateAsync(input);
      await queryClient.invalidateQueries({ queryKey: trpc.lots.pathKey() });
      notifications.show({
        color: 'forest',
        message: saved.status === 'published' ? t('form.savedPublished') : t('form.savedDraft'),
      });
      navigate(`/lots/${saved.id}`);
    } catch (error) {
      const errors = toFormErrors(fieldErrorsOf(error, locale));
      form.setErrors(errors);
      if (errors.photos) setPhotoError(errors.photos);
      setFormError(messageOf(error, locale, t('common.error')));
      focusFirstError();
    }
  };

  const dimensionLabel: Record<DimensionField, string> = {
    lengthMm: t('form.length'),
    widthMm: t('form.width'),
    thicknessMm: t('form.thickness'),
    rollLengthM: t('form.rollLength'),
  };
  const decimal = locale === 'fr' ? ',' : '.';
  const primaryPublish = verified && !alreadyListed;

  return (
    <Container size="sm" px="md">
      <form
        noValidate
        aria-labelledby="lot-form-title"
        onSubmit={(e) => {
          e.preventDefault();
          void submit(primaryPublish || alreadyListed);
        }}
      >
        <Stack gap="md">
          <div>
            <Title order={1} id="lot-form-title">
              {editing ? t('form.editTitle') : t('form.createTitle')}
            </Title>
            {!editing && (
              <Text c="dimmed" size="sm">
                {t('form.lead')}
              </Text>
            )}
          </div>

          <Section title={t('form.photos')} hint={t('form.photosHint')}>
            <PhotoUploader uploads={uploads} error={photoError} />
          </Section>

          <Section title={t('form.what')}>
            <MaterialSelect
              label={t('form.material')}
              placeholder={t('form.materialPlaceholder')}
              nothingFound={t('form.materialNone')}
              locale={locale}
              value={v.materialKey || null}
              onChange={onMaterial}
              error={form.errors.materialKey as string | undefined}
              withAsterisk
              data-testid="material-select"
            />
            <div role="radiogroup" aria-labelledby="condition-label">
              <Text size="sm" fw={500} id="condition-label" mb={6}>
                {t('form.condition')}
              </Text>
              <Chip.Group multiple={false} value={v.condition} onChange={onCondition}>
                <Group gap={6}>
                  {lotConditions.map((c) => (
                    <Chip key={c} value={c} variant="outline" color="forest">
                      {t(`condition.${c}`)}
                    </Chip>
                  ))}
                </Group>
              </Chip.Group>
            </div>
            <TextInput
              label={t('form.title')}
              description={touched.title ? undefined : t('form.titleHelp')}
              withAsterisk
              maxLength={120}
              {...form.getInputProps('title')}
              onChange={(e) => {
                setTouched((s) => ({ ...s, title: true }));
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
          </Section>

          <Section title={t('form.howMuch')}>
            <SimpleGrid cols={2} spacing="sm">
              <NativeSelect
                label={t('form.unit')}
                data={units.map((u) => ({ value: u.key, label: `${u.label[locale]} (${u.symbol[locale]})` }))}
                value={v.unit}
                onChange={(e) => {
                  const u = e.currentTarget.value as UnitKey;
                  setTouched((s) => ({ ...s, unit: true }));
                  form.setFieldValue('unit', u);
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
                {unit.dimensions.map((f) => (
                  <NumberInput
                    key={f}
                    label={dimensionLabel[f]}
                    withAsterisk={required.has(f) && !v.weighed}
                    min={0}
                    allowNegative={false}
                    decimalSeparator={decimal}
                    hideControls
                    inputMode="decimal"
                    rightSection={
                      <Text size="xs" c="dimmed" pr={6}>
                        {f === 'rollLengthM' ? 'm' : 'mm'}
                      </Text>
                    }
                    rightSectionWidth={36}
                    {...form.getInputProps(f)}
                  />
                ))}
              </SimpleGrid>
            )}
            {unit.kind !== 'mass' && (
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
                    decimalSeparator={decimal}
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
            )}
          </Section>

          <Section title={t('form.price')}>
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
                decimalSeparator={decimal}
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
          </Section>

          <Section title={t('form.when')} hint={t('form.whenHint')}>
            <SimpleGrid cols={2} spacing="sm">
              <TextInput
                type="date"
                label={t('form.availableFrom')}
                {...form.getInputProps('availableFrom')}
              />
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
                  decimalSeparator={decimal}
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
                    form.setFieldValue(
                      'recurringPeriod',
                      e.currentTarget.value as LotFormState['recurringPeriod'],
                    )
                  }
                />
              </SimpleGrid>
            )}
          </Section>

          <Section title={t('form.where')}>
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
          </Section>

          {formError && (
            <Alert color="red" role="alert" data-testid="form-error">
              {formError}
            </Alert>
          )}

          <div className={classes.stickyActions}>
            <Group justify="flex-end" gap="sm" wrap="nowrap">
              {alreadyListed ? (
                <Button type="submit" size="md" loading={pending} disabled={uploads.uploading}>
                  {t('form.save')}
                </Button>
              ) : (
                <>
                  <Button
                    variant="default"
                    size="md"
                    onClick={() => void submit(false)}
                    loading={pending && action === 'draft'}
                    disabled={uploads.uploading || (pending && action !== 'draft')}
                    aria-label={t('form.saveDraft')}
                  >
                    <Text span inherit hiddenFrom="xs">
                      {t('form.saveDraftShort')}
                    </Text>
                    <Text span inherit visibleFrom="xs">
                      {t('form.saveDraft')}
                    </Text>
                  </Button>
                  <Button
                    type="submit"
                    size="md"
                    color="forest"
                    loading={pending && action === 'publish'}
                    disabled={!verified || uploads.uploading || (pending && action !== 'publish')}
                  >
                    {t('form.publish')}
                  </Button>
                </>
              )}
            </Group>
            {uploads.uploading && (
              <Text size="xs" c="dimmed" ta="right" mt={4} aria-live="polite">
                {t('form.waitPhotos')}
              </Text>
            )}
          </div>
        </Stack>
      </form>
    </Container>
  );
}
