import { handOverInput, translate } from '@retaille/api/client';
import { describe, expect, it } from 'vitest';
import { validateWith } from '../../lib/validate.ts';
import {
  type HandOverDraft,
  handOverFormSchema,
  handOverTravelModes,
  handOverValues,
  parseDistance,
  placeHandOverErrors,
  travelFieldsFor,
} from './handOverForm.ts';

const id = '7a1e0c52-0000-4000-8000-000000000001';
const draft = (d: Partial<HandOverDraft>): HandOverDraft => ({
  tradeId: id,
  kg: '12,5',
  mode: '',
  roundTrip: true,
  distance: '',
  ...d,
});

describe('travelFieldsFor', () => {
  const table = [
    ['', { roundTrip: false, distance: 'hidden' }],
    ['on_foot', { roundTrip: false, distance: 'hidden' }],
    ['bike', { roundTrip: true, distance: 'optional' }],
    ['public_transport', { roundTrip: true, distance: 'optional' }],
    ['car_dedicated', { roundTrip: true, distance: 'optional' }],
    ['car_errands', { roundTrip: true, distance: 'optional' }],
    ['van_diesel', { roundTrip: true, distance: 'optional' }],
    ['van_electric', { roundTrip: true, distance: 'optional' }],
    ['carrier', { roundTrip: false, distance: 'optional' }],
    ['shared_tour', { roundTrip: false, distance: 'required' }],
  ] as const;

  it('covers every travel mode of the procedure', () => {
    expect(
      table
        .map(([m]) => m)
        .filter(Boolean)
        .sort(),
    ).toEqual([...handOverTravelModes].sort());
  });

  it.each(table)('%s → %o', (mode, fields) => {
    expect(travelFieldsFor(mode)).toEqual(fields);
  });
});

describe('parseDistance', () => {
  it.each([
    ['', null],
    ['  ', null],
    ['18', 18],
    ['18,5', 18.5],
    [' 18.25 ', 18.25],
    ['0', 0],
    ['-3', -3],
  ])('%j → %s', (text, value) => {
    expect(parseDistance(text)).toBe(value);
  });

  it.each(['1e400', '0x10', '12 km', 'NaN', 'Infinity', '12,5,3', '\u0000', '99999999'])(
    '%j is not a distance',
    (text) => {
      expect(parseDistance(text)).toBeNaN();
    },
  );
});

describe('handOverValues and the form schema', () => {
  it('sends no travel when none is recorded, and the vehicle of a van', () => {
    expect(handOverValues(draft({}))).toEqual({ id, measuredKg: '12,5', vehicleKey: null, travel: null });
    expect(handOverValues(draft({ mode: 'van_electric', distance: '7' }))).toEqual({
      id,
      measuredKg: '12,5',
      vehicleKey: 'van_bev_avg_defra',
      travel: { mode: 'van_electric', roundTrip: true, distanceKm: 7 },
    });
  });

  it('a shared tour sends its loop, never a round trip; walking sends no distance', () => {
    expect(handOverValues(draft({ mode: 'shared_tour', distance: '42,5' })).travel).toEqual({
      mode: 'shared_tour',
      roundTrip: false,
      distanceKm: 42.5,
    });
    expect(handOverValues(draft({ mode: 'on_foot', distance: '3' })).travel).toEqual({
      mode: 'on_foot',
      roundTrip: false,
      distanceKm: null,
    });
    expect(handOverValues(draft({ mode: 'carrier', roundTrip: true })).travel?.roundTrip).toBe(false);
  });

  it('refuses a shared tour without its distance, in French and English, on the distance field', () => {
    const values = handOverValues(draft({ mode: 'shared_tour' }));
    // The procedure's own schema lets it through: the server refuses it later.
    expect(handOverInput.safeParse(values).success).toBe(true);
    expect(validateWith(handOverFormSchema, values, 'fr')).toEqual({
      ok: false,
      errors: { 'travel.distanceKm': translate('impact.tripDistanceRequired', 'fr') },
    });
    expect(validateWith(handOverFormSchema, values, 'en')).toEqual({
      ok: false,
      errors: { 'travel.distanceKm': 'Give the total distance of the tour.' },
    });
  });

  it.each(['-3', '1e400', 'abc', '6000'])('refuses the distance %j on the distance field', (distance) => {
    const checked = validateWith(handOverFormSchema, handOverValues(draft({ mode: 'bike', distance })), 'fr');
    expect(checked).toEqual({
      ok: false,
      errors: { 'travel.distanceKm': translate('impact.tripNegativeDistance', 'fr') },
    });
  });

  it('accepts every mode with what it needs', () => {
    for (const mode of handOverTravelModes) {
      const values = handOverValues(draft({ mode, distance: '12' }));
      expect(validateWith(handOverFormSchema, values, 'fr').ok, mode).toBe(true);
    }
  });
});

describe('placeHandOverErrors', () => {
  it('puts each server error on its field when the mode shows it', () => {
    expect(
      placeHandOverErrors(
        {
          measuredKg: 'poids',
          'travel.distanceKm': 'distance',
          'travel.roundTrip': 'aller-retour',
          vehicleKey: 'véhicule',
        },
        'bike',
      ),
    ).toEqual({
      byField: {
        measuredKg: 'poids',
        'travel.distanceKm': 'distance',
        'travel.roundTrip': 'aller-retour',
        'travel.mode': 'véhicule',
      },
      general: [],
    });
  });

  it('moves an error of a hidden field to the mode select, and keeps both messages', () => {
    expect(
      placeHandOverErrors(
        { 'travel.mode': 'mode', 'travel.distanceKm': 'distance', 'travel.roundTrip': 'ar' },
        'on_foot',
      ),
    ).toEqual({ byField: { 'travel.mode': 'mode distance ar' }, general: [] });
  });

  it('never drops an error no field carries', () => {
    expect(
      placeHandOverErrors(
        { id: 'id', 'travel.tripId': 'trajet', 'travel.alsoStopsAtSiteIds.0': 'trajet' },
        'shared_tour',
      ),
    ).toEqual({ byField: {}, general: ['id', 'trajet'] });
  });
});
