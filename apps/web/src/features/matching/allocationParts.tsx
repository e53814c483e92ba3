import type { AllocationRun } from '@retaille/api/client';
import { useTranslation } from 'react-i18next';
import { regionName } from './regions.ts';

export type Status = AllocationRun['status'];
export type Flow = AllocationRun['flows'][number];
export type Summary = NonNullable<AllocationRun['summary']>;

export const POLL_MS = 1000;
export const TABLE_PAGE = 50;
export const active = (s: Status | undefined) => s === 'queued' || s === 'running';
export const statusColor: Record<Status, string> = {
  queued: 'gray',
  running: 'blue',
  done: 'forest',
  failed: 'red',
};

/** « Région X » or « Tout le réseau » for a run's scope. */
export function useScopeLabel() {
  const { t } = useTranslation('matching');
  return (scope: string) =>
    scope.startsWith('region:')
      ? t('allocation.scopeRegion', { name: regionName(scope.slice('region:'.length)) })
      : t('allocation.scopeNetwork');
}
