import { lazy } from 'react';
import { useTranslation } from 'react-i18next';
import { MapFrame } from '../../components/map/MapFrame.tsx';
import type { LotsMapProps } from './LotsMap.tsx';
import classes from './lots.module.css';

// MapLibre (~1 MB) stays out of the main bundle: it loads only when a map is shown.
const LotsMap = lazy(() => import('./LotsMap.tsx'));

/** The map box: the lazily loaded map, or a clear notice when it cannot run. The list never depends on it. */
export function MapPanel(props: Omit<LotsMapProps, 'onFail'>) {
  const { t } = useTranslation('catalogue');
  return (
    <MapFrame
      className={classes.mapBox}
      testId="lots-map"
      texts={{
        unavailable: t('map.unavailable'),
        unavailableText: t('map.unavailableText'),
        loading: t('map.loading'),
      }}
    >
      {(onFail) => <LotsMap {...props} onFail={onFail} />}
    </MapFrame>
  );
}
