/**
 * The top flows on an offline map (a lazily loaded chunk): MapLibre with a background and the
 * départements GeoJSON served by the web app — no tile server. Line width grows with the kg.
 */
import 'maplibre-gl/dist/maplibre-gl.css';
import {
  type GeoJSONSource,
  LngLatBounds,
  Map as MapLibre,
  NavigationControl,
  setWorkerUrl,
} from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { addPlaceLabels } from '../../components/map/place-labels.ts';
import classes from './impact.module.css';
import '../../components/map/place-labels.css';

setWorkerUrl(workerUrl);

/** What a line needs: both ends (the destination may be unknown) and its kg. */
export interface MapFlow {
  origin: { lat: number; lon: number };
  destination: { lat: number; lon: number } | null;
  massKg: number;
}
type Flow = MapFlow;
const FRANCE: [[number, number], [number, number]] = [
  [-5.2, 41.3],
  [9.6, 51.1],
];

function geoJson(flows: Flow[]) {
  const drawn = flows.filter((f) => f.destination);
  const max = Math.max(1, ...drawn.map((f) => f.massKg));
  return {
    type: 'FeatureCollection' as const,
    features: [
      ...drawn.map((f) => ({
        type: 'Feature' as const,
        properties: { kind: 'flow', w: 1.5 + 7.5 * Math.sqrt(f.massKg / max) },
        geometry: {
          type: 'LineString' as const,
          coordinates: [
            [f.origin.lon, f.origin.lat],
            [f.destination!.lon, f.destination!.lat],
          ],
        },
      })),
      ...flows.map((f) => ({
        type: 'Feature' as const,
        properties: { kind: 'origin', w: 0 },
        geometry: { type: 'Point' as const, coordinates: [f.origin.lon, f.origin.lat] },
      })),
      ...drawn.map((f) => ({
        type: 'Feature' as const,
        properties: { kind: 'destination', w: 0 },
        geometry: { type: 'Point' as const, coordinates: [f.destination!.lon, f.destination!.lat] },
      })),
    ],
  };
}

function boundsOf(flows: Flow[]): LngLatBounds {
  if (flows.length === 0) return new LngLatBounds(FRANCE[0], FRANCE[1]);
  const b = new LngLatBounds();
  for (const f of flows) {
    b.extend([f.origin.lon, f.origin.lat]);
    if (f.destination) b.extend([f.destination.lon, f.destination.lat]);
  }
  return b;
}

export default function FlowsMap({
  flows,
  onFail,
  label,
}: {
  flows: Flow[];
  onFail: (e: unknown) => void;
  label?: string;
}) {
  const { t } = useTranslation('impact');
  const box = useRef<HTMLElement>(null);
  const map = useRef<MapLibre | null>(null);
  const latest = useRef({ flows, onFail });
  latest.current = { flows, onFail };

  useEffect(() => {
    if (!box.current) return;
    let instance: MapLibre;
    let ready = false;
    try {
      instance = new MapLibre({
        container: box.current,
        bounds: boundsOf(latest.current.flows),
        fitBoundsOptions: { padding: 32, maxZoom: 10 },
        attributionControl: { compact: true, customAttribution: 'IGN / Etalab' },
        minZoom: 3.5,
        maxZoom: 13,
        dragRotate: false,
        pitchWithRotate: false,
        style: {
          version: 8,
          sources: {
            departements: { type: 'geojson', data: '/geo/departements.geojson' },
            flows: { type: 'geojson', data: geoJson(latest.current.flows) },
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
              id: 'flows',
              type: 'line',
              source: 'flows',
              filter: ['==', ['get', 'kind'], 'flow'],
              layout: { 'line-cap': 'round' },
              paint: { 'line-color': '#1f5a3d', 'line-opacity': 0.7, 'line-width': ['get', 'w'] },
            },
            {
              id: 'points',
              type: 'circle',
              source: 'flows',
              filter: ['!=', ['get', 'kind'], 'flow'],
              paint: {
                'circle-color': ['match', ['get', 'kind'], 'origin', '#2f6f4f', '#b5651d'],
                'circle-radius': 5,
                'circle-stroke-color': '#ffffff',
                'circle-stroke-width': 1.5,
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
    instance.on('error', (e) => {
      if (!ready) latest.current.onFail(e.error);
    });
    instance.on('load', () => {
      ready = true;
      void addPlaceLabels(instance);
    });
    return () => {
      instance.remove();
      map.current = null;
    };
  }, []);

  useEffect(() => {
    const m = map.current;
    if (!m) return;
    const apply = () => {
      m.getSource<GeoJSONSource>('flows')?.setData(geoJson(flows));
      m.fitBounds(boundsOf(flows), { padding: 32, duration: 400, maxZoom: 10 });
    };
    if (m.isStyleLoaded()) apply();
    else m.once('load', apply);
  }, [flows]);

  return <section ref={box} className={classes.mapCanvas} aria-label={label ?? t('flows.mapLabel')} />;
}
