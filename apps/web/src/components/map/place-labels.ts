/**
 * Place names on the offline maps: the préfectures (apps/web/public/geo/places.json, written by
 * scripts/build-place-labels.ts) as HTML labels over the map, so they need neither a tile server
 * nor glyph files. They are decoration for sighted readers (aria-hidden): every page that shows a
 * map writes the places it is about in text too. Hidden when zoomed out below `minZoom`, where
 * ninety names would hide the map.
 */
import { type Map as MapLibre, Marker } from 'maplibre-gl';

interface Place {
  name: string;
  lat: number;
  lon: number;
}

let places: Promise<Place[]> | undefined;
const loadPlaces = () => {
  places ??= fetch('/geo/places.json')
    .then((r) => (r.ok ? (r.json() as Promise<Place[]>) : []))
    .catch(() => []);
  return places;
};

export async function addPlaceLabels(map: MapLibre, minZoom = 5.5): Promise<void> {
  const list = await loadPlaces();
  const markers = list.map((p) => {
    const el = document.createElement('span');
    el.className = 'retaille-place-label';
    el.textContent = p.name;
    el.setAttribute('aria-hidden', 'true');
    return new Marker({ element: el, anchor: 'top', offset: [0, 2] }).setLngLat([p.lon, p.lat]).addTo(map);
  });
  const toggle = () => {
    const hidden = map.getZoom() < minZoom;
    for (const m of markers) m.getElement().style.visibility = hidden ? 'hidden' : 'visible';
  };
  toggle();
  map.on('zoomend', toggle);
}
