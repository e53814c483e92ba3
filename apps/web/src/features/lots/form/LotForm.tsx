import { Alert, Button, Container, Group, Stack, Text, Title } from '@mantine/core';
import type { LotView } from '@retaille/api/client';
import { useTranslation } from 'react-i18next';
import type { SignedIn } from '../../../lib/session.ts';
import classes from '../lots.module.css';
import { PhotoUploader } from '../PhotoUploader.tsx';
import { FormSection } from './FormSection.tsx';
import { PaymentPrompt } from './PaymentPrompt.tsx';
import { PriceFields } from './PriceFields.tsx';
import { QuantityFields } from './QuantityFields.tsx';
import { type LotFormController, useLotForm } from './use-lot-form.ts';
import { WhatFields } from './WhatFields.tsx';
import { WhenFields, WhereFields } from './WhenWhereFields.tsx';

/** The post / edit form: photos, what, how much, price, when, where, then save or publish. */
export function LotForm({ me, lot }: { me: SignedIn; lot: LotView | undefined }) {
  const { t } = useTranslation('catalogue');
  const c = useLotForm(me, lot);
  const verified = me.sites.find((s) => s.siteId === c.form.values.siteId)?.verified ?? false;
  const editing = Boolean(lot);
  const alreadyListed = lot?.status === 'published' || lot?.status === 'reserved';
  const primaryPublish = verified && !alreadyListed;

  return (
    <Container size="sm" px="md">
      <form
        noValidate
        aria-labelledby="lot-form-title"
        onSubmit={(e) => {
          e.preventDefault();
          void c.submit(primaryPublish || alreadyListed);
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
          <FormSection title={t('form.photos')} hint={t('form.photosHint')}>
            <PhotoUploader uploads={c.uploads} error={c.photoError} />
          </FormSection>
          <WhatFields c={c} />
          <QuantityFields c={c} />
          <PriceFields c={c} />
          <WhenFields c={c} />
          <WhereFields c={c} me={me} editing={editing} />
          {c.formError && (
            <Alert color="red" role="alert" data-testid="form-error">
              {c.formError}
            </Alert>
          )}
          <FormActions c={c} alreadyListed={alreadyListed} verified={verified} />
        </Stack>
      </form>
      <PaymentPrompt c={c} />
    </Container>
  );
}

function FormActions({
  c,
  alreadyListed,
  verified,
}: {
  c: LotFormController;
  alreadyListed: boolean;
  verified: boolean;
}) {
  const { t } = useTranslation('catalogue');
  const { pending, action, uploads } = c;
  return (
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
              onClick={() => void c.submit(false)}
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
  );
}
