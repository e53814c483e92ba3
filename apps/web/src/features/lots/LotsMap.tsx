/**
 * The offline map (a lazily loaded chunk): MapLibre with a style made only of a background and
 * our own GeoJSON — the départements contours served by the web app, the lots (clustered) and the
 * search circle. No tile server, no glyphs, so no text layers: the préfectures' names are HTML
 * labels (place-labels.ts), counts and lot names live in popups and in the list beside the map.
 */
import 'maplibre-gl/dist/maplibre-gl.css';
import { EARTH_RADIUS_M, FRANCE_BOUNDS } from '@retaille/domain/web';
import {
  type GeoJSONSource,
  LngLatBounds,
  type MapGeoJSONFeature,
  Map as MapLibre,
  NavigationControl,
  Popup,
  setWorkerUrl,
} from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { addPlaceLabels } from '../../components/map/place-labels.ts';
import '../../components/map/place-labels.css';
import classes from './lots.module.css';

setWorkerUrl(workerUrl);

export interface MapLot {
  id: string;
  title: string;
  lat: number;
  lon: number;
  subtitle: string;
  href: string;
}

export interface LotsMapProps {
  lots: MapLot[];
  center: { lat: number; lon: number } | null;
  radiusKm: number | null;
  pickPoint: boolean;
  onPick: (lat: number, lon: number) => void;
  onFail: (error: unknown) => void;
}

// Minimal GeoJSON shapes (the @types/geojson package is only a dependency of maplibre-gl).
type Position = [number, number];
interface PointGeometry {
  type: 'Point';
  coordinates: Position;
}
interface PolygonGeometry {
  type: 'Polygon';
  coordinates: Position[][];
}
interface Feature<G> {
  type: 'Feature';
  properties: Record<string, unknown>;
  geometry: G;
}
interface FeatureCollection<G> {
  type: 'FeatureCollection';
  features: Feature<G>[];
}

/** The sphere the server's radius search measures on (earthdistance), so the circle drawn is the one searched. */
const EARTH_KM = EARTH_RADIUS_M / 1000;

/** A geodesic circle as a polygon of 72 points. */
function circle(lat: number, lon: number, km: number): Feature<PolygonGeometry> {
  const d = km / EARTH_KM;
  const φ1 = (lat * Math.PI) / 180;
  const λ1 = (lon * Math.PI) / 180;
  const ring: [number, number][] = [];
  for (let i = 0; i <= 72; i++) {
    const θ = (i / 72) * 2 * Math.PI;
    const φ2 = Math.asin(Math.sin(φ1) * Math.cos(d) + Math.cos(φ1) * Math.sin(d) * Math.cos(θ));
    const λ2 =
      λ1 + Math.atan2(Math.sin(θ) * Math.sin(d) * Math.cos(φ1), Math.cos(d) - Math.sin(φ1) * Math.sin(φ2));
    ring.push([(λ2 * 180) / Math.PI, (φ2 * 180) / Math.PI]);
  }
  return { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [ring] } };
}

function lotsGeoJson(lots: MapLot[]): FeatureCollection<PointGeometry> {
  return {
    type: 'FeatureCollection',
    features: lots.map((l) => ({
      type: 'Feature',
      properties: { id: l.id, title: l.title, subtitle: l.subtitle, href: l.href },
      geometry: { type: 'Point', coordinates: [l.lon, l.lat] },
    })),
  };
}

function searchGeoJson(
  center: LotsMapProps['center'],
  radiusKm: number | null,
): FeatureCollection<PointGeometry | PolygonGeometry> {
  if (!center) return { type: 'FeatureCollection', features: [] };
  const features: Feature<PointGeometry | PolygonGeometry>[] = [
    {
      type: 'Feature',
      properties: { role: 'center' },
      geometry: { type: 'Point', coordinates: [center.lon, center.lat] },
    },
  ];
  if (radiusKm) features.push(circle(center.lat, center.lon, radiusKm));
  return { type: 'FeatureCollection', features };
}

function boundsOf(center: LotsMapProps['center'], radiusKm: number | null, lots: MapLot[]): LngLatBounds {
  if (center && radiusKm) {
    const ring = circle(center.lat, center.lon, radiusKm).geometry.coordinates[0]!;
    const b = new LngLatBounds();
    for (const [x, y] of ring) b.extend([x, y]);
    return b;
  }
  if (lots.length > 0) {
    const b = new LngLatBounds();
    for (const l of lots) b.extend([l.lon, l.lat]);
    return b;
  }
  // Nothing to frame: metropolitan France and Corsica, the box the lot search accepts.
  return new LngLatBounds(
    [FRANCE_BOUNDS.minLon, FRANCE_BOUNDS.minLat],
    [FRANCE_BOUNDS.maxLon, FRANCE_BOUNDS.maxLat],
  );
}

export default function LotsMap({ lots, center, radiusKm, pickPoint, onPick, onFail }: LotsMapProps) {
  const { t } = useTranslation('catalogue');
  const navigate = useNavigate();
  const box = useRef<HTMLElement>(null);
  const map = useRef<MapLibre | null>(null);
  const ready = useRef(false);
  const latest = useRef({ lots, center, radiusKm, pickPoint, onPick, onFail, navigate });
  latest.current = { lots, center, radiusKm, pickPoint, onPick, onFail, navigate };

  // biome-ignore lint/correctness/useExhaustiveDependencies: the map is created once; props flow through `latest`
  useEffect(() => {
    if (!box.current) return;
    let instance: MapLibre;
    try {
      const init = latest.current;
      instance = new MapLibre({
        container: box.current,
        bounds: boundsOf(init.center, init.radiusKm, init.lots),
        fitBoundsOptions: { padding: 24 },
        attributionControl: { compact: true, customAttribution: t('map.attribution') },
        maxBounds: [-12, 38, 16, 54],
        minZoom: 3.5,
        maxZoom: 14,
        dragRotate: false,
        pitchWithRotate: false,
        style: {
          version: 8,
          sources: {
            departements: { type: 'geojson', data: '/geo/departements.geojson' },
            search: { type: 'geojson', data: searchGeoJson(init.center, init.radiusKm) },
            lots: {
              type: 'geojson',
              data: lotsGeoJson(init.lots),
              cluster: true,
              clusterRadius: 36,
              clusterMaxZoom: 11,
            },
          },
          layers: [
            { id: 'background', type: 'background', paint: { 'background-color': '#dfe9ef' } },
            { id: 'dep-fill', type: 'fill', source: 'departements', paint: { 'fill-color': '#f7f4ec' } },
            {
              id: 'dep-line',
              type: 'line',
              source: 'departements',
              paint: { 'line-color': '#b9b2a3', 'line-width': 0.8 },
            },
            {
              id: 'radius-fill',
              type: 'fill',
              source: 'search',
              filter: ['==', ['geometry-type'], 'Polygon'],
              paint: { 'fill-color': '#2f6f4f', 'fill-opacity': 0.08 },
            },
            {
              id: 'radius-line',
              type: 'line',
              source: 'search',
              filter: ['==', ['geometry-type'], 'Polygon'],
              paint: { 'line-color': '#2f6f4f', 'line-width': 2, 'line-dasharray': [2, 1] },
            },
            {
              id: 'clusters',
              type: 'circle',
              source: 'lots',
              filter: ['has', 'point_count'],
              paint: {
                'circle-color': '#d08022',
                'circle-opacity': 0.9,
                'circle-stroke-color': '#ffffff',
                'circle-stroke-width': 2,
                'circle-radius': ['step', ['get', 'point_count'], 12, 5, 16, 20, 22],
              },
            },
            {
              id: 'lots',
              type: 'circle',
              source: 'lots',
              filter: ['!', ['has', 'point_count']],
              paint: {
                'circle-color': '#2f6f4f',
                'circle-radius': 7,
                'circle-stroke-color': '#ffffff',
                'circle-stroke-width': 2,
              },
            },
            {
              id: 'center',
              type: 'circle',
              source: 'search',
              filter: ['==', ['geometry-type'], 'Point'],
              paint: {
                'circle-color': '#ffffff',
                'circle-radius': 6,
                'circle-stroke-color': '#1f5a3d',
                'circle-stroke-width': 3,
              },
            },
          ],
        },
      });
    } catch (error) {
      latest.current.onFail(error);
      return;
    }
    map.current = instance;
    instance.addControl(new NavigationControl({ showCompass: false }), 'top-right');
    // Without a listener MapLibre prints errors to the console; surface the fatal ones instead.
    instance.on('error', (e) => {
      if (!ready.current) latest.current.onFail(e.error);
    });
    instance.on('load', () => {
      ready.current = true;
      void addPlaceLabels(instance);
    });
    // Tests and screenshots wait for the first complete render.
    instance.once('idle', () => box.current?.setAttribute('data-ready', 'true'));

    const popup = new Popup({ closeButton: true, maxWidth: '260px', className: classes.popup });
    const showLot = (f: MapGeoJSONFeature) => {
      const p = f.properties as { title: string; subtitle: string; href: string };
      const [lon, lat] = (f.geometry as unknown as PointGeometry).coordinates;
      const root = document.createElement('div');
      const link = document.createElement('a');
      link.href = p.href;
      link.textContent = p.title;
      link.addEventListener('click', (ev) => {
        ev.preventDefault();
        latest.current.navigate(p.href);
      });
      const sub = document.createElement('div');
      sub.textContent = p.subtitle;
      sub.style.fontSize = '13px';
      sub.style.marginTop = '4px';
      root.append(link, sub);
      popup.setLngLat([lon, lat]).setDOMContent(root).addTo(instance);
    };
    instance.on('click', 'lots', (e) => {
      const f = e.features?.[0];
      if (f) showLot(f);
    });
    instance.on('click', 'clusters', async (e) => {
      const f = e.features?.[0];
      if (!f) return;
      const source = instance.getSource<GeoJSONSource>('lots');
      const zoom = await source?.getClusterExpansionZoom(f.properties.cluster_id as number);
      instance.easeTo({ center: (f.geometry as unknown as PointGeometry).coordinates, zoom: zoom ?? 10 });
    });
    instance.on('click', (e) => {
      if (!latest.current.pickPoint) return;
      const hits = instance.queryRenderedFeatures(e.point, { layers: ['lots', 'clusters'] });
      if (hits.length > 0) return;
      latest.current.onPick(e.lngLat.lat, e.lngLat.lng);
    });
    for (const layer of ['lots', 'clusters']) {
      instance.on('mouseenter', layer, () => {
        instance.getCanvas().style.cursor = 'pointer';
      });
      instance.on('mouseleave', layer, () => {
        instance.getCanvas().style.cursor = latest.current.pickPoint ? 'crosshair' : '';
      });
    }
    return () => {
      popup.remove();
      instance.remove();
      map.current = null;
      ready.current = false;
    };
  }, []);

  // Data changes: the lots, the search circle, then frame them.
  useEffect(() => {
    const m = map.current;
    if (!m) return;
    const apply = () => {
      m.getSource<GeoJSONSource>('lots')?.setData(lotsGeoJson(lots));
      m.getSource<GeoJSONSource>('search')?.setData(searchGeoJson(center, radiusKm));
      m.fitBounds(boundsOf(center, radiusKm, lots), { padding: 24, duration: 400, maxZoom: 12 });
    };
    if (m.isStyleLoaded()) apply();
    else m.once('load', apply);
  }, [lots, center, radiusKm]);

  useEffect(() => {
    const m = map.current;
    if (m) m.getCanvas().style.cursor = pickPoint ? 'crosshair' : '';
  }, [pickPoint]);

  return <section ref={box} className={classes.mapCanvas} aria-label={t('map.label')} />;
}
