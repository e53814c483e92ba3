import {
  Alert,
  Button,
  Center,
  Checkbox,
  Container,
  Fieldset,
  Group,
  Loader,
  MultiSelect,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { type SiteFormValues, siteInputSchema, translate } from '@retaille/api/client';
import {
  formatOpeningHours,
  parseOpeningHours,
  type SectorKey,
  type TerritoryType,
  territoryTypes,
} from '@retaille/domain/web';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { QueryError } from '../../components/QueryError.tsx';
import { RequireAuth } from '../../components/RequireAuth.tsx';
import { currentLocale } from '../../i18n/i18n.ts';
import { fieldErrorsOf, messageOf } from '../../lib/errors.ts';
import { sectorOptions } from '../../lib/labels.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { validateWith } from '../../lib/validate.ts';

interface FormValues {
  name: string;
  description: string;
  address: string;
  postalCode: string;
  communeInsee: string;
  usePoint: boolean;
  lat: number | string;
  lon: number | string;
  sectors: string[];
  territoryType: string;
  contactEmail: string;
  contactPhone: string;
  website: string;
  vatRateBps: string;
  /** « lun.–ven. 9 h–17 h ; sam. 9 h–12 h », read by the domain's parser. */
  openingHours: string;
}

const empty: FormValues = {
  name: '',
  description: '',
  address: '',
  postalCode: '',
  communeInsee: '',
  usePoint: false,
  lat: '',
  lon: '',
  sectors: [],
  territoryType: '',
  contactEmail: '',
  contactPhone: '',
  website: '',
  vatRateBps: '',
  openingHours: '',
};

function toInput(v: FormValues): SiteFormValues {
  const hours = parseOpeningHours(v.openingHours);
  return {
    name: v.name,
    description: v.description,
    address: v.address,
    postalCode: v.postalCode,
    communeInsee: v.communeInsee || undefined,
    lat: v.usePoint && v.lat !== '' ? Number(v.lat) : undefined,
    lon: v.usePoint && v.lon !== '' ? Number(v.lon) : undefined,
    sectors: v.sectors as SectorKey[],
    territoryType: v.territoryType as TerritoryType,
    contactEmail: v.contactEmail,
    contactPhone: v.contactPhone,
    website: v.website,
    vatRateBps: v.vatRateBps === '' ? null : (Number(v.vatRateBps) as 2000 | 1000 | 550 | 210),
    openingHours: hours.ok ? hours.hours : undefined,
  };
}

/** Create (no id in the URL) or edit a site; signed-in users only (anonymous ones sign in first). */
export function SiteFormPage() {
  return (
    <RequireAuth>
      <SiteForm />
    </RequireAuth>
  );
}

/** The form itself, with the API's zod schema validating both sides. */
function SiteForm() {
  const { id } = useParams();
  const { t } = useTranslation();
  const locale = currentLocale();
  const trpc = useTRPC();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const existing = useQuery({ ...trpc.sites.get.queryOptions({ id: id ?? '' }), enabled: Boolean(id) });
  const form = useForm<FormValues>({ mode: 'controlled', initialValues: empty });
  const [formError, setFormError] = useState<string | null>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: load once per fetched site
  useEffect(() => {
    const s = existing.data;
    if (!s) return;
    form.setValues({
      name: s.name,
      description: s.description,
      address: s.address ?? '',
      postalCode: s.postalCode,
      communeInsee: s.communeInsee,
      usePoint: false,
      lat: s.lat,
      lon: s.lon,
      sectors: s.sectors,
      territoryType: s.territoryType,
      contactEmail: s.contactEmail ?? '',
      contactPhone: s.contactPhone ?? '',
      website: s.website ?? '',
      vatRateBps: s.vatRateBps === null ? '' : String(s.vatRateBps),
      openingHours: formatOpeningHours(s.openingHours, locale),
    });
    form.resetDirty();
  }, [existing.data]);

  const postalCode = form.values.postalCode.trim();
  const communes = useQuery({
    ...trpc.geo.searchCommunes.queryOptions({ q: postalCode, limit: 20 }),
    enabled: /^\d{5}$/.test(postalCode),
  });
  const communeChoices = (communes.data ?? []).filter((c) => c.postalCodes.includes(postalCode));

  // biome-ignore lint/correctness/useExhaustiveDependencies: react to the commune list only
  useEffect(() => {
    if (communeChoices.length === 0) return;
    if (!communeChoices.some((c) => c.insee === form.values.communeInsee)) {
      const first = communeChoices[0]!;
      form.setFieldValue('communeInsee', first.insee);
      if (!form.values.usePoint) {
        form.setFieldValue('lat', first.lat);
        form.setFieldValue('lon', first.lon);
      }
    }
  }, [communes.data, postalCode]);

  const create = useMutation(trpc.sites.create.mutationOptions());
  const update = useMutation(trpc.sites.update.mutationOptions());

  const onSubmit = form.onSubmit(async (values) => {
    setFormError(null);
    const checked = validateWith(siteInputSchema, toInput(values), locale);
    const hours = parseOpeningHours(values.openingHours);
    if (!checked.ok || !hours.ok) {
      form.setErrors({
        ...(checked.ok ? {} : checked.errors),
        ...(hours.ok ? {} : { openingHours: translate(hours.key, locale) }),
      });
      setFormError(t('siteForm.fixErrors'));
      return;
    }
    try {
      const site = id
        ? await update.mutateAsync({ id, site: toInput(values) })
        : await create.mutateAsync(toInput(values));
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: trpc.sites.pathKey() }),
        queryClient.invalidateQueries({ queryKey: trpc.account.me.queryKey() }),
      ]);
      notifications.show({ color: 'forest', message: t('siteForm.saved') });
      navigate(`/sites/${site.id}`);
    } catch (error) {
      const fields = fieldErrorsOf(error, locale);
      const prefixed = Object.fromEntries(
        Object.entries(fields).map(([k, v]) => [k.replace(/^site\./, ''), v]),
      );
      form.setErrors(prefixed);
      setFormError(messageOf(error, locale, t('errors.generic')));
    }
  });

  if (id && existing.isPending) {
    return (
      <Center py="xl">
        <Loader aria-label="…" />
      </Center>
    );
  }
  if (id && existing.isError) {
    return (
      <Container size="md">
        <QueryError error={existing.error} />
      </Container>
    );
  }

  const selected = communeChoices.find((c) => c.insee === form.values.communeInsee);

  return (
    <Container size="md">
      <form onSubmit={onSubmit} noValidate aria-labelledby="site-form-title">
        <Stack gap="lg">
          <Title order={1} id="site-form-title">
            {id ? t('siteForm.editTitle', { name: existing.data?.name ?? '' }) : t('siteForm.createTitle')}
          </Title>
          {formError && (
            <Alert color="red" role="alert">
              {formError}
            </Alert>
          )}
          <Fieldset legend={t('siteForm.identity')}>
            <Stack>
              <TextInput
                label={t('siteForm.name')}
                placeholder={t('siteForm.namePlaceholder')}
                withAsterisk
                maxLength={120}
                {...form.getInputProps('name')}
              />
              <Textarea
                label={t('siteForm.description')}
                description={t('siteForm.descriptionHelp')}
                autosize
                minRows={3}
                maxLength={2000}
                {...form.getInputProps('description')}
              />
            </Stack>
          </Fieldset>

          <Fieldset legend={t('siteForm.location')}>
            <Stack>
              <TextInput
                label={t('siteForm.address')}
                withAsterisk
                maxLength={200}
                {...form.getInputProps('address')}
              />
              <SimpleGrid cols={{ base: 1, xs: 2 }}>
                <TextInput
                  label={t('siteForm.postalCode')}
                  withAsterisk
                  inputMode="numeric"
                  autoComplete="postal-code"
                  maxLength={5}
                  {...form.getInputProps('postalCode')}
                  error={
                    form.errors.postalCode ??
                    (/^\d{5}$/.test(postalCode) && communes.isSuccess && communeChoices.length === 0
                      ? t('siteForm.unknownPostalCode')
                      : undefined)
                  }
                />
                <Select
                  label={t('siteForm.commune')}
                  description={t('siteForm.communeHelp')}
                  placeholder={t('siteForm.communePick')}
                  data={communeChoices.map((c) => ({ value: c.insee, label: c.name }))}
                  disabled={communeChoices.length === 0}
                  {...form.getInputProps('communeInsee')}
                  onChange={(v) => {
                    form.setFieldValue('communeInsee', v ?? '');
                    const c = communeChoices.find((x) => x.insee === v);
                    if (c && !form.values.usePoint) {
                      form.setFieldValue('lat', c.lat);
                      form.setFieldValue('lon', c.lon);
                    }
                  }}
                />
              </SimpleGrid>
              {selected && (
                <Text size="sm" c="dimmed" role="status">
                  {t('siteForm.foundCommune', {
                    name: selected.name,
                    departement: selected.departementName,
                    region: selected.regionName,
                  })}
                </Text>
              )}
              <Checkbox
                label={t('siteForm.usePoint')}
                {...form.getInputProps('usePoint', { type: 'checkbox' })}
              />
              {form.values.usePoint && (
                <SimpleGrid cols={{ base: 1, xs: 2 }}>
                  <NumberInput
                    label={t('siteForm.lat')}
                    description={t('siteForm.pointHelp')}
                    decimalScale={6}
                    decimalSeparator={locale === 'fr' ? ',' : '.'}
                    {...form.getInputProps('lat')}
                  />
                  <NumberInput
                    label={t('siteForm.lon')}
                    decimalScale={6}
                    decimalSeparator={locale === 'fr' ? ',' : '.'}
                    {...form.getInputProps('lon')}
                  />
                </SimpleGrid>
              )}
            </Stack>
          </Fieldset>

          <Fieldset legend={t('siteForm.activity')}>
            <SimpleGrid cols={{ base: 1, xs: 2 }}>
              <MultiSelect
                label={t('siteForm.sectors')}
                withAsterisk
                data={sectorOptions(locale)}
                searchable
                {...form.getInputProps('sectors')}
              />
              <Select
                label={t('siteForm.territoryType')}
                withAsterisk
                data={territoryTypes.map((tt) => ({ value: tt, label: t(`territory.${tt}`) }))}
                {...form.getInputProps('territoryType')}
              />
            </SimpleGrid>
          </Fieldset>

          <Fieldset legend={t('siteForm.contact')}>
            <SimpleGrid cols={{ base: 1, xs: 2 }}>
              <TextInput
                label={t('siteForm.contactEmail')}
                type="email"
                autoComplete="email"
                {...form.getInputProps('contactEmail')}
              />
              <TextInput
                label={t('siteForm.contactPhone')}
                type="tel"
                autoComplete="tel"
                {...form.getInputProps('contactPhone')}
              />
              <TextInput label={t('siteForm.website')} type="url" {...form.getInputProps('website')} />
              <Select
                label={t('siteForm.vat')}
                description={t('siteForm.vatHelp')}
                data={[
                  { value: '', label: t('siteForm.vatNone') },
                  { value: '2000', label: '20 %' },
                  { value: '1000', label: '10 %' },
                  { value: '550', label: '5,5 %' },
                  { value: '210', label: '2,1 %' },
                ]}
                allowDeselect={false}
                {...form.getInputProps('vatRateBps')}
              />
            </SimpleGrid>
            <TextInput
              mt="md"
              label={t('siteForm.openingHours')}
              description={t('siteForm.openingHoursHelp')}
              placeholder={t('siteForm.openingHoursPlaceholder')}
              maxLength={300}
              {...form.getInputProps('openingHours')}
            />
          </Fieldset>

          <Group justify="flex-end">
            <Button variant="default" onClick={() => navigate(-1)}>
              {t('siteForm.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending || update.isPending}>
              {id ? t('siteForm.save') : t('siteForm.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Container>
  );
}
