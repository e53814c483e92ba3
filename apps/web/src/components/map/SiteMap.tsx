/**
 * One place on the offline map (a lazily loaded chunk): the départements' contours, the
 * préfectures' names and a marker, centred on the point. Used by a site's page.
 */
import 'maplibre-gl/dist/maplibre-gl.css';
import './place-labels.css';
import { Map as MapLibre, Marker, NavigationControl, setWorkerUrl } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { useEffect, useRef } from 'react';
import { addPlaceLabels } from './place-labels.ts';

setWorkerUrl(workerUrl);

export interface SiteMapProps {
  lat: number;
  lon: number;
  /** The map's accessible name, e.g. « Carte : Électrolab, Pantin ». */
  label: string;
  attribution: string;
  className?: string | undefined;
  onFail: (error: unknown) => void;
}

export default function SiteMap({ lat, lon, label, attribution, className, onFail }: SiteMapProps) {
  const box = useRef<HTMLElement>(null);
  const failed = useRef(onFail);
  failed.current = onFail;

  useEffect(() => {
    if (!box.current) return;
    let instance: MapLibre;
    try {
      instance = new MapLibre({
        container: box.current,
        center: [lon, lat],
        zoom: 7.5,
        attributionControl: { compact: true, customAttribution: attribution },
        maxBounds: [-12, 38, 16, 54],
        minZoom: 4,
        maxZoom: 13,
        dragRotate: false,
        pitchWithRotate: false,
        style: {
          version: 8,
          sources: { departements: { type: 'geojson', data: '/geo/departements.geojson' } },
          layers: [
            { id: 'background', type: 'background', paint: { 'background-color': '#dfe9ef' } },
            { id: 'dep-fill', type: 'fill', source: 'departements', paint: { 'fill-color': '#f7f4ec' } },
            {
              id: 'dep-line',
              type: 'line',
              source: 'departements',
              paint: { 'line-color': '#b9b2a3', 'line-width': 0.8 },
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
    new Marker({ color: '#2f6f4f' }).setLngLat([lon, lat]).addTo(instance);
    instance.on('error', (e) => {
      if (!ready) failed.current(e.error);
    });
    instance.on('load', () => {
      ready = true;
      void addPlaceLabels(instance);
    });
    instance.once('idle', () => box.current?.setAttribute('data-ready', 'true'));
    return () => instance.remove();
  }, [lat, lon, attribution]);

  return <section ref={box} className={className} aria-label={label} />;
}
