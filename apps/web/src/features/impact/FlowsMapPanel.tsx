import { lazy } from 'react';
import { useTranslation } from 'react-i18next';
import { MapFrame } from '../../components/map/MapFrame.tsx';
import type { MapFlow } from './FlowsMap.tsx';
import classes from './impact.module.css';

// MapLibre (~1 MB) stays out of the dashboard's chunk: it loads only when there are flows.
const FlowsMap = lazy(() => import('./FlowsMap.tsx'));

/** The top flows on a map, or "carte indisponible"; the table below never depends on it. */
export function FlowsMapPanel({
  flows,
  label,
  testId = 'impact-map',
}: {
  flows: MapFlow[];
  label?: string;
  testId?: string;
}) {
  const { t } = useTranslation('impact');
  return (
    <MapFrame
      className={`${classes.mapBox} ${classes.noPrint}`}
      testId={testId}
      texts={{
        unavailable: t('flows.mapUnavailable'),
        unavailableText: t('flows.mapUnavailableText'),
        loading: t('page.loading'),
      }}
    >
      {(onFail) => <FlowsMap flows={flows} onFail={onFail} label={label} />}
    </MapFrame>
  );
}
