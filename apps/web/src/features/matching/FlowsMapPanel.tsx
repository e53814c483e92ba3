import { lazy } from 'react';
import { useTranslation } from 'react-i18next';
import { MapFrame } from '../../components/map/MapFrame.tsx';
import type { MapFlow } from './FlowsMap.tsx';
import classes from './matching.module.css';

// MapLibre (~1 MB) stays out of the main bundle: it loads only when the allocation has flows.
const FlowsMap = lazy(() => import('./FlowsMap.tsx'));

/** The flows map, or "carte indisponible" when it cannot run; the table never depends on it. */
export function FlowsMapPanel({ flows }: { flows: MapFlow[] }) {
  const { t } = useTranslation('matching');
  return (
    <MapFrame
      className={classes.mapBox}
      testId="flows-map"
      texts={{
        unavailable: t('allocation.mapUnavailable'),
        unavailableText: t('allocation.mapUnavailableText'),
        loading: t('allocation.mapLoading'),
      }}
    >
      {(onFail) => <FlowsMap flows={flows} onFail={onFail} />}
    </MapFrame>
  );
}
