import {
  Alert,
  Anchor,
  Button,
  Checkbox,
  Container,
  FileInput,
  Group,
  NumberInput,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import type { PlanSourcingInput } from '@retaille/api/client';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  defaultPoint,
  PointPicker,
  type PointValue,
  toSearchPoint,
} from '../../components/catalogue/PointPicker.tsx';
import { RequireAuth } from '../../components/RequireAuth.tsx';
import { currentLocale } from '../../i18n/i18n.ts';
import { fieldErrorsOf, messageOf } from '../../lib/errors.ts';
import type { SignedIn } from '../../lib/session.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { BomLinesEditor } from './BomLinesEditor.tsx';
import { type BomLineDraft, newLine, toApiLines } from './bom-lines.ts';
import { PlanResult } from './PlanResult.tsx';

/** « Nomenclature »: a designer's bill of materials, typed or imported, and its sourcing plan. */
export function SourcingPage() {
  return <RequireAuth>{(me) => <Sourcing me={me} />}</RequireAuth>;
}

function Sourcing({ me }: { me: SignedIn }) {
  const { t } = useTranslation('sourcing');
  const locale = currentLocale();
  const trpc = useTRPC();
  const [lines, setLines] = useState<BomLineDraft[]>(() => [newLine(1)]);
  const [useCsv, setUseCsv] = useState(false);
  const [csv, setCsv] = useState('');
  const [point, setPoint] = useState<PointValue | null>(() => defaultPoint(me));
  const [radiusKm, setRadiusKm] = useState<number | string>(50);
  const [centsPerKm, setCentsPerKm] = useState<number | string>(35);
  const [centsPerSeller, setCentsPerSeller] = useState<number | string>(1500);
  const [asked, setAsked] = useState<PlanSourcingInput | null>(null);
  // One basket key per plan: a double click on « Tout demander », or a retry, is the same basket.
  const [basketKey, setBasketKey] = useState('');
  const plan = useMutation(trpc.sourcing.plan.mutationOptions());
  const errors = fieldErrorsOf(plan.error, locale);

  const submit = () => {
    if (!point) return;
    const input: PlanSourcingInput = {
      point: toSearchPoint(point),
      radiusKm: Number(radiusKm),
      centsPerKm: Number(centsPerKm),
      centsPerSeller: Number(centsPerSeller),
      ...(useCsv ? { csv } : { lines: toApiLines(lines) }),
    };
    setAsked(input);
    setBasketKey(crypto.randomUUID());
    plan.mutate(input);
  };

  return (
    <Container size="md" py="md">
      <Stack gap="md">
        <Group justify="space-between" align="baseline">
          <Title order={1}>{t('title')}</Title>
          <Anchor component={Link} to="/nomenclature/paniers" size="sm">
            {t('basketsLink')}
          </Anchor>
        </Group>
        <Text>{t('intro')}</Text>
        <form
          aria-label={t('title')}
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
        >
          <Stack gap="md">
            <Title order={2} size="h3">
              {t('form.lines')}
            </Title>
            {!useCsv ? (
              <BomLinesEditor lines={lines} onChange={setLines} errors={errors} locale={locale} />
            ) : null}
            <Checkbox
              label={t('form.useCsv')}
              checked={useCsv}
              onChange={(e) => setUseCsv(e.currentTarget.checked)}
              data-testid="bom-use-csv"
            />
            {useCsv ? (
              <Stack gap="xs">
                <Text size="sm" c="dimmed">
                  {t('form.csvHelp')}
                </Text>
                <FileInput
                  label={t('form.csvFile')}
                  accept=".csv,text/csv"
                  clearable
                  onChange={(file) => {
                    if (file) void file.text().then(setCsv);
                  }}
                />
                <Textarea
                  label={t('form.csvText')}
                  value={csv}
                  onChange={(e) => setCsv(e.currentTarget.value)}
                  autosize
                  minRows={4}
                  maxLength={20_000}
                  error={errors.csv ?? errors.lines}
                  data-testid="bom-csv"
                />
                {Object.entries(errors)
                  .filter(([path]) => path.startsWith('lines.'))
                  .map(([path, text]) => (
                    <Text key={path} c="red" size="sm">
                      {path} : {text}
                    </Text>
                  ))}
              </Stack>
            ) : null}
            <PointPicker
              me={me}
              value={point}
              onChange={setPoint}
              label={t('form.around')}
              error={errors.point}
            />
            <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm">
              <NumberInput
                label={t('form.radius')}
                value={radiusKm}
                onChange={setRadiusKm}
                min={1}
                max={200}
                error={errors.radiusKm}
              />
              <NumberInput
                label={t('form.centsPerKm')}
                value={centsPerKm}
                onChange={setCentsPerKm}
                min={0}
                max={1000}
                allowDecimal={false}
                error={errors.centsPerKm}
              />
              <NumberInput
                label={t('form.centsPerSeller')}
                value={centsPerSeller}
                onChange={setCentsPerSeller}
                min={0}
                max={100_000}
                allowDecimal={false}
                error={errors.centsPerSeller}
              />
            </SimpleGrid>
            {!point ? <Alert color="yellow">{t('form.noPoint')}</Alert> : null}
            {!useCsv && errors.lines ? (
              <Text c="red" size="sm">
                {errors.lines}
              </Text>
            ) : null}
            <Group>
              <Button type="submit" loading={plan.isPending} disabled={!point} data-testid="bom-plan">
                {t('form.plan')}
              </Button>
            </Group>
          </Stack>
        </form>
        {plan.error && Object.keys(errors).length === 0 ? (
          <Alert color="red" role="alert">
            {messageOf(plan.error, locale, t('plan.status_no_solution'))}
          </Alert>
        ) : null}
        {plan.data && asked ? <PlanResult plan={plan.data} basketKey={basketKey} /> : null}
      </Stack>
    </Container>
  );
}
