import { handOverInput, handOverTravelInput } from '@retaille/api/client';
import { fromDecimalComma, vehicleKeyOfTravelMode } from '@retaille/domain/web';

/**
 * The handover form's field logic, kept apart from the component so it is unit-tested: which
 * travel fields each mode needs (docs/impact-method.md §4, packages/domain/src/impact/travel.ts),
 * the values sent to `trades.handOver`, and where each field error (the client's or the server's)
 * is shown.
 */

export const handOverTravelModes = handOverTravelInput.shape.mode.options;
export type HandOverTravelMode = (typeof handOverTravelModes)[number];

/** `required`: refused without it (a shared tour's loop); `optional`: blank = the sites' distance. */
export type DistanceNeed = 'hidden' | 'optional' | 'required';

export interface TravelFields {
  /** The round-trip box: only for modes charged per vehicle-km from the trade's own trip. */
  roundTrip: boolean;
  distance: DistanceNeed;
}

/**
 * - not recorded: nothing (the labelled default applies);
 * - on foot: nothing (no emissions whatever the distance);
 * - carrier: distance only (per tonne-km, never doubled: the factor spreads empty running);
 * - shared tour: the whole loop's distance, required; no round trip (the loop already returns);
 * - every other mode: round trip and an optional distance.
 */
export function travelFieldsFor(mode: HandOverTravelMode | ''): TravelFields {
  switch (mode) {
    case '':
    case 'on_foot':
      return { roundTrip: false, distance: 'hidden' };
    case 'carrier':
      return { roundTrip: false, distance: 'optional' };
    case 'shared_tour':
      return { roundTrip: false, distance: 'required' };
    default:
      return { roundTrip: true, distance: 'optional' };
  }
}

export interface HandOverDraft {
  tradeId: string;
  kg: string;
  mode: HandOverTravelMode | '';
  roundTrip: boolean;
  /** As typed, decimal comma or point; blank = not given. */
  distance: string;
}

/**
 * A typed distance: blank → null; a plain decimal (comma or point, optional minus so a negative
 * value gets its own message) → its number; anything else (`1e400`, `0x10`, `12 km`) → NaN, which
 * the schema refuses with the distance message.
 */
export function parseDistance(text: string): number | null {
  const v = text.trim();
  if (v === '') return null;
  if (!/^-?\d{1,7}([.,]\d{1,3})?$/.test(v)) return Number.NaN;
  return Number(fromDecimalComma(v));
}

/** The input of `trades.handOver` for a draft: only the fields the chosen mode uses are sent. */
export function handOverValues(d: HandOverDraft) {
  const fields = travelFieldsFor(d.mode);
  const vehicleKey = vehicleKeyOfTravelMode(d.mode);
  return {
    id: d.tradeId,
    measuredKg: d.kg.trim(),
    vehicleKey,
    travel:
      d.mode === ''
        ? null
        : {
            mode: d.mode,
            roundTrip: fields.roundTrip && d.roundTrip,
            distanceKm: fields.distance === 'hidden' ? null : parseDistance(d.distance),
          },
  };
}

/**
 * The procedure's schema plus the rule the server checks beyond it: a shared tour needs its
 * distance (`impact.tripDistanceRequired`, same key and message as the server's refusal).
 */
export const handOverFormSchema = handOverInput.superRefine((v, ctx) => {
  const travel = v.travel;
  if (travel?.mode === 'shared_tour' && !travel.tripId && (travel.distanceKm ?? null) === null) {
    ctx.addIssue({ code: 'custom', path: ['travel', 'distanceKm'], message: 'impact.tripDistanceRequired' });
  }
});

/** The form's fields, by the input path their errors carry. */
export const handOverFields = ['measuredKg', 'travel.mode', 'travel.roundTrip', 'travel.distanceKm'] as const;
export type HandOverField = (typeof handOverFields)[number];

export interface PlacedErrors {
  byField: Partial<Record<HandOverField, string>>;
  /** Errors no visible field can carry (the trade's id, a trip's other stops…): shown above the button. */
  general: string[];
}

/**
 * Puts every field error (path → message, already in the user's language) next to a field the
 * user sees: the vehicle and the travel object itself belong to the mode select; the round trip
 * and the distance to theirs when the mode shows them, else to the mode; nothing is dropped.
 */
export function placeHandOverErrors(
  errors: Record<string, string>,
  mode: HandOverTravelMode | '',
): PlacedErrors {
  const fields = travelFieldsFor(mode);
  const out: PlacedErrors = { byField: {}, general: [] };
  const put = (field: HandOverField, message: string) => {
    const prev = out.byField[field];
    if (prev === undefined) out.byField[field] = message;
    else if (prev !== message) out.byField[field] = `${prev} ${message}`;
  };
  for (const [path, message] of Object.entries(errors)) {
    if (path === 'measuredKg') put('measuredKg', message);
    else if (path === 'travel.mode' || path === 'travel' || path === 'vehicleKey')
      put('travel.mode', message);
    else if (path === 'travel.roundTrip') put(fields.roundTrip ? 'travel.roundTrip' : 'travel.mode', message);
    else if (path === 'travel.distanceKm')
      put(fields.distance === 'hidden' ? 'travel.mode' : 'travel.distanceKm', message);
    else if (!out.general.includes(message)) out.general.push(message);
  }
  return out;
}
