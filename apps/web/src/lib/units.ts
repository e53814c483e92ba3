/**
 * Display units at the edge of the forms: lengths and widths are typed in cm (as the search and
 * the wanted requests show them), thickness in mm, prices in euros; the API stores integer mm
 * and cents. Conversions round half-up on the decimal as typed, as the domain rounds money.
 */
import { parseDecimal, scaleHalfUp } from '@retaille/domain/web';

/**
 * `value × 10^digits` rounded half-up on the decimal as typed (`1.005` € → 101 cents), as the
 * domain rounds money; `Math.round(1.005 * 100)` sees the binary 100.4999… and gives 100.
 * A negative or non-finite value (typed in a draft field) goes through as is, for the schema to refuse.
 */
export const scaled = (value: number, digits: number): number =>
  Number.isFinite(value) && value >= 0 && value < 1e15
    ? Number(scaleHalfUp(parseDecimal(value), digits))
    : Math.round(value * 10 ** digits);

/** A length typed in cm as the integer mm the API stores (`12.34` cm → 123 mm). */
export const cmToMm = (cm: number): number => scaled(cm, 1);

/** Stored mm shown in cm (`1235` mm → 123.5 cm). */
export const mmToCm = (mm: number): number => mm / 10;
