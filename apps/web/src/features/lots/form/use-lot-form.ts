import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { type LotView, lotInputSchema } from '@retaille/api/client';
import { getMaterial, type LotCondition } from '@retaille/domain/web';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { materialLabel } from '../../../components/catalogue/format.ts';
import { currentLocale } from '../../../i18n/i18n.ts';
import { errorKeyOf, fieldErrorsOf, messageOf } from '../../../lib/errors.ts';
import type { SignedIn } from '../../../lib/session.ts';
import { useTRPC } from '../../../lib/trpc.ts';
import { validateWith } from '../../../lib/validate.ts';
import {
  emptyLotForm,
  fromLot,
  type LotFormState,
  measureErrors,
  toFormErrors,
  toLotInput,
  usualUnit,
} from '../lot-form.ts';
import { usePhotoUploads } from '../PhotoUploader.tsx';

function focusFirstError() {
  requestAnimationFrame(() => {
    const el = document.querySelector<HTMLElement>('form [aria-invalid="true"], form [data-field-error]');
    el?.focus();
    el?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  });
}

/**
 * The post form's state and actions: values, which fields the user has typed (the title and
 * unit follow the material until then), photo uploads, and submit (checked in the browser
 * with the API's own schema and the domain's measure rules, then sent).
 */
export function useLotForm(me: SignedIn, lot: LotView | undefined) {
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
  /** The site to onboard when publishing this priced lot was refused (`lot.paymentAccountRequired`). */
  const [paymentPrompt, setPaymentPrompt] = useState<string | null>(null);
  const [savedId, setSavedId] = useState<string | null>(lot?.id ?? null);
  const create = useMutation(trpc.lots.create.mutationOptions());
  const update = useMutation(trpc.lots.update.mutationOptions());
  const pending = create.isPending || update.isPending;

  // biome-ignore lint/correctness/useExhaustiveDependencies: load the lot's photos once
  useEffect(() => {
    if (lot) uploads.load(lot.photos);
  }, []);

  const v = form.values;
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
  const touch = (field: 'title' | 'unit') => setTouched((s) => ({ ...s, [field]: true }));

  const showErrors = (errors: Record<string, string>, message: string) => {
    form.setErrors(errors);
    if (errors.photos) setPhotoError(errors.photos);
    setFormError(message);
    focusFirstError();
  };

  /** Saves the form as it is; the lot, or null after showing why not. */
  const save = async (publish: boolean, values = form.getValues()) => {
    const input = toLotInput(values, uploads.photoIds, publish);
    const id = lot?.id ?? savedId;
    const saved = id ? await update.mutateAsync({ id, lot: input }) : await create.mutateAsync(input);
    setSavedId(saved.id);
    await queryClient.invalidateQueries({ queryKey: trpc.lots.pathKey() });
    return saved;
  };

  /** Before leaving for the onboarding: the lot is kept as a draft, to publish on return. */
  const saveDraftQuietly = async (): Promise<boolean> => {
    try {
      await save(false);
      return true;
    } catch (error) {
      setPaymentPrompt(null);
      showErrors(toFormErrors(fieldErrorsOf(error, locale)), messageOf(error, locale, t('common.error')));
      return false;
    }
  };

  const publishFree = async () => {
    setPaymentPrompt(null);
    form.setFieldValue('free', true);
    form.setFieldValue('priceEur', '');
    await submit(true, { ...form.getValues(), free: true, priceEur: '' });
  };

  const submit = async (publish: boolean, override?: ReturnType<typeof form.getValues>) => {
    setAction(publish ? 'publish' : 'draft');
    setFormError(null);
    setPhotoError(undefined);
    if (uploads.uploading) {
      setFormError(t('form.waitPhotos'));
      return;
    }
    const values = override ?? form.getValues();
    const input = toLotInput(values, uploads.photoIds, publish);
    const checked = validateWith(lotInputSchema, input, locale);
    // The measure rules speak in the form's units (a length's limit in cm): they win over the
    // schema's message for the same field.
    const errors = {
      ...(checked.ok ? {} : toFormErrors(checked.errors)),
      ...toFormErrors(measureErrors(values, locale)),
    };
    if (Object.keys(errors).length > 0) {
      showErrors(errors, t('form.fixErrors'));
      return;
    }
    try {
      const saved = await save(publish, values);
      notifications.show({
        color: 'forest',
        message: saved.status === 'published' ? t('form.savedPublished') : t('form.savedDraft'),
      });
      navigate(`/lots/${saved.id}`);
    } catch (error) {
      if (errorKeyOf(error) === 'lot.paymentAccountRequired') {
        setPaymentPrompt(values.siteId);
        return;
      }
      showErrors(toFormErrors(fieldErrorsOf(error, locale)), messageOf(error, locale, t('common.error')));
    }
  };

  return {
    paymentPrompt,
    closePaymentPrompt: () => setPaymentPrompt(null),
    publishFree,
    saveDraftQuietly,
    form,
    uploads,
    touched,
    touch,
    onMaterial,
    onCondition,
    submit,
    pending,
    action,
    formError,
    photoError,
  };
}

export type LotFormController = ReturnType<typeof useLotForm>;
