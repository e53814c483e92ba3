import { lazy } from 'react';
import { useTranslation } from 'react-i18next';
import { MapFrame } from '../../components/map/MapFrame.tsx';
import classes from './sites.module.css';

// MapLibre (~1 MB) stays out of the page's chunk: it loads only with the map.
const SiteMap = lazy(() => import('../../components/map/SiteMap.tsx'));

/** A site's place on the offline map; the address and coordinates beside it say the same in text. */
export function SiteMapPanel({
  site,
}: {
  site: { name: string; communeName: string; lat: number; lon: number };
}) {
  const { t } = useTranslation();
  return (
    <MapFrame
      className={classes.mapBox}
      testId="site-map"
      texts={{
        unavailable: t('sites.mapUnavailable'),
        unavailableText: t('sites.mapUnavailableText'),
        loading: t('sites.mapLoading'),
      }}
    >
      {(onFail) => (
        <SiteMap
          lat={site.lat}
          lon={site.lon}
          label={t('sites.mapLabel', { name: site.name, commune: site.communeName })}
          attribution={t('sites.mapAttribution')}
          className={classes.mapCanvas}
          onFail={onFail}
        />
      )}
    </MapFrame>
  );
}
