/**
 * The allocation's flows on an offline map (a lazily loaded chunk): MapLibre with a style made of
 * a background and the départements GeoJSON served by the web app — no tile server, no glyphs.
 * Each flow is a line from the lot's site to the request's point, its width growing with the kg.
 */
import 'maplibre-gl/dist/maplibre-gl.css';
import type { AllocationRun } from '@retaille/api/client';
import {
  type GeoJSONSource,
  LngLatBounds,
  Map as MapLibre,
  NavigationControl,
  Popup,
  setWorkerUrl,
} from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../../i18n/i18n.ts';
import { kg, km } from './format.ts';
import classes from './matching.module.css';

setWorkerUrl(workerUrl);

export type MapFlow = AllocationRun['flows'][number];

export interface FlowsMapProps {
  flows: MapFlow[];
  onFail: (error: unknown) => void;
}

const FRANCE: [[number, number], [number, number]] = [
  [-5.2, 41.3],
  [9.6, 51.1],
];
const LOT_COLOR = '#2f6f4f';
const REQUEST_COLOR = '#b5651d';

function flowsGeoJson(flows: MapFlow[]) {
  const max = Math.max(1, ...flows.map((f) => f.kg));
  return {
    type: 'FeatureCollection' as const,
    features: flows.map((f, i) => ({
      type: 'Feature' as const,
      id: i,
      properties: {
        i,
        // 1.5 px for a trickle up to 9 px for the largest flow; by area so small ones stay visible.
        w: 1.5 + 7.5 * Math.sqrt(f.kg / max),
      },
      geometry: {
        type: 'LineString' as const,
        coordinates: [
          [f.from.lon, f.from.lat],
          [f.to.lon, f.to.lat],
        ],
      },
    })),
  };
}

function endpointsGeoJson(flows: MapFlow[]) {
  const seen = new Set<string>();
  const features: {
    type: 'Feature';
    properties: { role: 'lot' | 'request' };
    geometry: { type: 'Point'; coordinates: [number, number] };
  }[] = [];
  for (const f of flows) {
    for (const [role, p] of [
      ['lot', f.from],
      ['request', f.to],
    ] as const) {
      const key = `${role}:${p.lon.toFixed(5)},${p.lat.toFixed(5)}`;
      if (seen.has(key)) continue;
      seen.add(key);
      features.push({
        type: 'Feature',
        properties: { role },
        geometry: { type: 'Point', coordinates: [p.lon, p.lat] },
      });
    }
  }
  return { type: 'FeatureCollection' as const, features };
}

function boundsOf(flows: MapFlow[]): LngLatBounds {
  if (flows.length === 0) return new LngLatBounds(FRANCE[0], FRANCE[1]);
  const b = new LngLatBounds();
  for (const f of flows) {
    b.extend([f.from.lon, f.from.lat]);
    b.extend([f.to.lon, f.to.lat]);
  }
  return b;
}

export default function FlowsMap({ flows, onFail }: FlowsMapProps) {
  const { t } = useTranslation('matching');
  const box = useRef<HTMLElement>(null);
  const map = useRef<MapLibre | null>(null);
  const ready = useRef(false);
  const latest = useRef({ flows, onFail, t });
  latest.current = { flows, onFail, t };

  useEffect(() => {
    if (!box.current) return;
    let instance: MapLibre;
    try {
      const init = latest.current.flows;
      instance = new MapLibre({
        container: box.current,
        bounds: boundsOf(init),
        fitBoundsOptions: { padding: 32, maxZoom: 10 },
        attributionControl: { compact: true, customAttribution: 'IGN / Etalab' },
        maxBounds: [-12, 38, 16, 54],
        minZoom: 3.5,
        maxZoom: 13,
        dragRotate: false,
        pitchWithRotate: false,
        style: {
          version: 8,
          sources: {
            departements: { type: 'geojson', data: '/geo/departements.geojson' },
            flows: { type: 'geojson', data: flowsGeoJson(init) },
            endpoints: { type: 'geojson', data: endpointsGeoJson(init) },
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
              layout: { 'line-cap': 'round' },
              paint: { 'line-color': '#1f5a3d', 'line-opacity': 0.7, 'line-width': ['get', 'w'] },
            },
            {
              id: 'endpoints',
              type: 'circle',
              source: 'endpoints',
              paint: {
                'circle-color': ['match', ['get', 'role'], 'lot', LOT_COLOR, REQUEST_COLOR],
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
      if (!ready.current) latest.current.onFail(e.error);
    });
    instance.on('load', () => {
      ready.current = true;
    });
    instance.once('idle', () => box.current?.setAttribute('data-ready', 'true'));

    const popup = new Popup({ closeButton: true, maxWidth: '280px' });
    instance.on('click', 'flows', (e) => {
      const i = e.features?.[0]?.properties.i as number | undefined;
      const f = i === undefined ? undefined : latest.current.flows[i];
      if (!f) return;
      const locale = currentLocale();
      const root = document.createElement('div');
      const title = document.createElement('strong');
      title.textContent = `${f.lotTitle} → ${f.requestTitle}`;
      const sub = document.createElement('div');
      sub.style.fontSize = '13px';
      sub.style.marginTop = '4px';
      sub.textContent = `${f.siteName} · ${kg(f.kg, locale)} · ${km(f.distanceKm, locale)}`;
      root.append(title, sub);
      popup.setLngLat(e.lngLat).setDOMContent(root).addTo(instance);
    });
    instance.on('mouseenter', 'flows', () => {
      instance.getCanvas().style.cursor = 'pointer';
    });
    instance.on('mouseleave', 'flows', () => {
      instance.getCanvas().style.cursor = '';
    });
    return () => {
      popup.remove();
      instance.remove();
      map.current = null;
      ready.current = false;
    };
  }, []);

  useEffect(() => {
    const m = map.current;
    if (!m) return;
    const apply = () => {
      m.getSource<GeoJSONSource>('flows')?.setData(flowsGeoJson(flows));
      m.getSource<GeoJSONSource>('endpoints')?.setData(endpointsGeoJson(flows));
      m.fitBounds(boundsOf(flows), { padding: 32, duration: 400, maxZoom: 10 });
    };
    if (m.isStyleLoaded()) apply();
    else m.once('load', apply);
  }, [flows]);

  return <section ref={box} className={classes.mapCanvas} aria-label={t('allocation.mapLabel')} />;
}
