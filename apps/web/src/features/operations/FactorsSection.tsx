import { Alert, Button, FileInput, Group, List, Stack, Text, TextInput } from '@mantine/core';
import type { FactorImportPreviewDto } from '@retaille/api/client';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '../../lib/trpc.ts';
import { useAction } from './useAction.ts';

type Preview = FactorImportPreviewDto;

/** The reviewed factor import: upload the CSV files, read the diff, confirm. */
export function FactorsSection() {
  const { t } = useTranslation('operations');
  const trpc = useTRPC();
  const preview = useMutation(trpc.impact.factors.previewImport.mutationOptions());
  const confirm = useMutation(trpc.operations.factors.confirm.mutationOptions());
  const { run, errors, busy } = useAction();
  const [version, setVersion] = useState('');
  const [materials, setMaterials] = useState<File | null>(null);
  const [transport, setTransport] = useState<File | null>(null);
  const [result, setResult] = useState<Preview | null>(null);
  const [input, setInput] = useState<{
    version: string;
    materialsCsv?: string;
    transportCsv?: string;
  } | null>(null);

  const onPreview = async () => {
    const next = {
      version,
      ...(materials ? { materialsCsv: await materials.text() } : {}),
      ...(transport ? { transportCsv: await transport.text() } : {}),
    };
    setInput(next);
    await run(async () => setResult(await preview.mutateAsync(next)), t('factors.previewed'));
  };
  return (
    <Stack maw={820}>
      <Text size="sm">{t('factors.help')}</Text>
      <Group align="flex-end" wrap="wrap">
        <TextInput
          label={t('factors.version')}
          placeholder="2027-01-ademe"
          value={version}
          onChange={(e) => setVersion(e.currentTarget.value)}
          error={errors.version}
          w={220}
        />
        <FileInput
          label={t('factors.materials')}
          accept=".csv,text/csv"
          value={materials}
          onChange={setMaterials}
          error={errors.materialsCsv}
          clearable
          w={240}
        />
        <FileInput
          label={t('factors.transport')}
          accept=".csv,text/csv"
          value={transport}
          onChange={setTransport}
          error={errors.transportCsv}
          clearable
          w={240}
        />
        <Button variant="default" loading={busy} onClick={onPreview}>
          {t('factors.preview')}
        </Button>
      </Group>
      {result && !result.ok && (
        <Alert color="red" title={t('factors.problems')}>
          <List size="sm">
            {result.problems.map((p) => (
              <List.Item key={`${p.file}-${p.line}-${p.code}`}>
                {p.file ?? ''} {p.line ?? ''} {p.message}
              </List.Item>
            ))}
          </List>
        </Alert>
      )}
      {result?.ok && input && (
        <Stack gap="xs">
          <Text fw={600}>{t('factors.diff', { from: result.previousVersion, to: result.version })}</Text>
          {result.diff &&
            (['materials', 'transport'] as const).map((k) => (
              <Text key={k} size="sm">
                {t(`factors.${k}`)} :{' '}
                {t('factors.counts', {
                  added: result.diff![k].added.length,
                  removed: result.diff![k].removed.length,
                  changed: result.diff![k].changed.length,
                })}
              </Text>
            ))}
          {result.warnings.length > 0 && (
            <Text size="sm" c="orange">
              {t('factors.warnings', { count: result.warnings.length })}
            </Text>
          )}
          <Button
            loading={busy}
            onClick={() =>
              run(
                () => confirm.mutateAsync({ ...input, reviewToken: result.reviewToken }),
                t('factors.confirmed'),
              )
            }
          >
            {t('factors.confirm')}
          </Button>
        </Stack>
      )}
    </Stack>
  );
}
