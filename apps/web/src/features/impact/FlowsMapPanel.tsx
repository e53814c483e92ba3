import type { ImpactDashboard } from '@retaille/api/client';
import { lazy } from 'react';
import { useTranslation } from 'react-i18next';
import { MapFrame } from '../../components/map/MapFrame.tsx';
import classes from './impact.module.css';

// MapLibre (~1 MB) stays out of the dashboard's chunk: it loads only when there are flows.
const FlowsMap = lazy(() => import('./FlowsMap.tsx'));

/** The top flows on a map, or "carte indisponible"; the table below never depends on it. */
export function FlowsMapPanel({ flows }: { flows: ImpactDashboard['topFlows'] }) {
  const { t } = useTranslation('impact');
  return (
    <MapFrame
      className={`${classes.mapBox} ${classes.noPrint}`}
      testId="impact-map"
      texts={{
        unavailable: t('flows.mapUnavailable'),
        unavailableText: t('flows.mapUnavailableText'),
        loading: t('page.loading'),
      }}
    >
      {(onFail) => <FlowsMap flows={flows} onFail={onFail} />}
    </MapFrame>
  );
}
