/**
 * A tour on the offline map (a lazily loaded chunk): the départements' contours, the line driven
 * and one numbered marker per stop, framed on the tour.
 */
import 'maplibre-gl/dist/maplibre-gl.css';
import '../../components/map/place-labels.css';
import { LngLatBounds, Map as MapLibre, Marker, NavigationControl, setWorkerUrl } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { useEffect, useRef } from 'react';
import { addPlaceLabels } from '../../components/map/place-labels.ts';
import { type TourOk, tourGeoJson } from './tour-export.ts';

setWorkerUrl(workerUrl);

export interface TourMapProps {
  plan: TourOk;
  label: string;
  attribution: string;
  className?: string | undefined;
  onFail: (error: unknown) => void;
}

function numbered(n: string): HTMLElement {
  const el = document.createElement('div');
  el.textContent = n;
  el.setAttribute('aria-hidden', 'true');
  el.style.cssText =
    'width:24px;height:24px;border-radius:50%;background:#2f6f4f;color:#fff;font:600 13px/24px sans-serif;text-align:center;border:2px solid #fff';
  return el;
}

export default function TourMap({ plan, label, attribution, className, onFail }: TourMapProps) {
  const box = useRef<HTMLElement>(null);
  const failed = useRef(onFail);
  failed.current = onFail;

  useEffect(() => {
    if (!box.current) return;
    const bounds = new LngLatBounds();
    for (const p of [plan.start, plan.end, ...plan.stops.map((s) => s.point)]) bounds.extend([p.lon, p.lat]);
    let instance: MapLibre;
    try {
      instance = new MapLibre({
        container: box.current,
        bounds,
        fitBoundsOptions: { padding: 40, maxZoom: 12 },
        attributionControl: { compact: true, customAttribution: attribution },
        maxBounds: [-12, 38, 16, 54],
        minZoom: 4,
        maxZoom: 13,
        dragRotate: false,
        pitchWithRotate: false,
        style: {
          version: 8,
          sources: {
            departements: { type: 'geojson', data: '/geo/departements.geojson' },
            tour: { type: 'geojson', data: tourGeoJson(plan) as never },
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
              id: 'tour-line',
              type: 'line',
              source: 'tour',
              filter: ['==', ['geometry-type'], 'LineString'],
              paint: { 'line-color': '#8a4b2a', 'line-width': 3 },
            },
          ],
        },
      });
    } catch (error) {
      failed.current(error);
      return;
    }
    let ready = false;
    instance.addControl(new NavigationControl({ showCompass: false }), 'top-right');
    new Marker({ color: '#444' }).setLngLat([plan.start.lon, plan.start.lat]).addTo(instance);
    plan.stops.forEach((s, i) => {
      new Marker({ element: numbered(String(i + 1)) }).setLngLat([s.point.lon, s.point.lat]).addTo(instance);
    });
    instance.on('error', (e) => {
      if (!ready) failed.current(e.error);
    });
    instance.on('load', () => {
      ready = true;
      void addPlaceLabels(instance);
    });
    instance.once('idle', () => box.current?.setAttribute('data-ready', 'true'));
    return () => instance.remove();
  }, [plan, attribution]);

  return <section ref={box} className={className} aria-label={label} />;
}
