import i18next, { type TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { catalogueEn } from '../../i18n/catalogue.en.ts';
import { catalogueFr } from '../../i18n/catalogue.fr.ts';
import {
  formatDay,
  formatDimensions,
  formatDistance,
  formatMass,
  formatNum,
  formatPrice,
  formatQuantity,
  formatQuantityRange,
  unitForPrice,
} from './format.ts';

const NNBSP = '\u202f'; // narrow no-break space: French thousands, and between a number and its symbol
const NBSP = '\u00a0';

let fr: TFunction<'catalogue'>;
let en: TFunction<'catalogue'>;
beforeAll(async () => {
  const i18n = i18next.createInstance();
  await i18n.init({
    resources: { fr: { catalogue: catalogueFr }, en: { catalogue: catalogueEn } },
    lng: 'fr',
    ns: ['catalogue'],
    interpolation: { escapeValue: false },
  });
  fr = i18n.getFixedT('fr', 'catalogue') as TFunction<'catalogue'>;
  en = i18n.getFixedT('en', 'catalogue') as TFunction<'catalogue'>;
});

describe('formatNum', () => {
  it('uses the narrow no-break space for French thousands and a decimal comma', () => {
    expect(formatNum(1234.567, 'fr')).toBe(`1${NNBSP}234,57`);
    expect(formatNum(1234.567, 'en')).toBe('1,234.57');
  });
});

describe('formatQuantity', () => {
  it.each([
    // French: singular below 2 ("1,5 pièce", "0 pièce"); English: singular for exactly 1.
    [1, 'piece', 'fr', `1${NBSP}pièce`],
    [1.5, 'piece', 'fr', `1,5${NBSP}pièce`],
    [0, 'piece', 'fr', `0${NBSP}pièce`],
    [2, 'piece', 'fr', `2${NBSP}pièces`],
    [1, 'piece', 'en', `1${NBSP}piece`],
    [1.5, 'piece', 'en', `1.5${NBSP}pieces`],
    [0, 'piece', 'en', `0${NBSP}pieces`],
    [3, 'sheet', 'fr', `3${NBSP}plaques`],
    [12.5, 'kg', 'fr', `12,5${NNBSP}kg`],
    [1234, 'm2', 'fr', `1${NNBSP}234${NNBSP}m²`],
    [2, 'm', 'fr', `2${NNBSP}ml`],
    [2, 'm', 'en', `2${NNBSP}lm`],
    [3, 'bags', 'fr', `3${NBSP}bags`],
  ] as const)('%s %s (%s) → %s', (value, unit, locale, text) => {
    expect(formatQuantity(value, unit, locale)).toBe(text);
  });
});

describe('formatQuantityRange', () => {
  it('collapses equal ends and writes the unit once', () => {
    expect(formatQuantityRange(5, 5, 'kg', 'fr', fr)).toBe(`5${NNBSP}kg`);
    expect(formatQuantityRange(5, 20, 'kg', 'fr', fr)).toBe(`5 à 20${NNBSP}kg`);
    expect(formatQuantityRange(6, 20, 'piece', 'en', en)).toMatch(/^6 .*20\u00a0pieces$/);
  });
});

describe('formatPrice', () => {
  it('free lots say so; others read per unit (count units by name)', () => {
    expect(formatPrice(null, 'kg', 'fr', fr)).toBe('Gratuit');
    expect(formatPrice(400, 'piece', 'fr', fr)).toBe(`4,00${NBSP}€ / pièce`);
    expect(formatPrice(250, 'm2', 'fr', fr)).toBe(`2,50${NBSP}€ / m²`);
    expect(unitForPrice('sheet', 'en')).toBe('sheet');
  });
});

describe('formatDistance', () => {
  it.each([
    [0, 'sur place'],
    [0.049, 'sur place'],
    [0.05, `à 0,1${NNBSP}km`],
    [3.44, `à 3,4${NNBSP}km`],
    [9.94, `à 9,9${NNBSP}km`],
    [12.4, `à 12${NNBSP}km`],
    [12.6, `à 13${NNBSP}km`],
  ])('%s km → %s', (km, text) => {
    expect(formatDistance(km, 'fr', fr)).toBe(text);
  });
});

describe('formatMass', () => {
  it.each([
    // Light offcuts keep two decimals rather than reading "0 kg".
    [0.04, `0,04${NNBSP}kg`],
    [0.5, `0,5${NNBSP}kg`],
    [9.94, `9,9${NNBSP}kg`],
    [28.4, `28${NNBSP}kg`],
    [999.4, `999${NNBSP}kg`],
    // Tonnes from 1 000 kg as shown: 999,6 kg would otherwise read "1 000 kg".
    [999.6, `1${NNBSP}t`],
    [1000, `1${NNBSP}t`],
    [1234.5, `1,23${NNBSP}t`],
  ])('%s kg → %s', (kg, text) => {
    expect(formatMass(kg, 'fr')).toBe(text);
  });
});

describe('formatDimensions', () => {
  it('writes length and width in one unit: metres from 2 m (a 6 × 3 m sail), else centimetres', () => {
    expect(formatDimensions({ lengthMm: 6000, widthMm: 3000, thicknessMm: 1 }, 'fr', fr)).toBe(
      `6 × 3${NNBSP}m · ép. 1${NNBSP}mm`,
    );
    expect(formatDimensions({ lengthMm: 2500, widthMm: 1220 }, 'fr', fr)).toBe(`2,5 × 1,22${NNBSP}m`);
    expect(formatDimensions({ lengthMm: 1999, widthMm: 600 }, 'fr', fr)).toBe(`199,9 × 60${NNBSP}cm`);
    expect(formatDimensions({ widthMm: 2400 }, 'en', en)).toMatch(/2\.4\u202fm$/u);
  });

  it('writes centimetres for lengths, millimetres for thickness, metres for rolls', () => {
    expect(formatDimensions({ lengthMm: 1200, widthMm: 305, thicknessMm: 27 }, 'fr', fr)).toBe(
      `120 × 30,5${NNBSP}cm · ép. 27${NNBSP}mm`,
    );
    expect(formatDimensions({ rollLengthM: 25, widthMm: 1400 }, 'fr', fr)).toBe(
      `rouleaux de 25${NNBSP}m · largeur 140${NNBSP}cm`,
    );
    expect(formatDimensions({ lengthMm: 800 }, 'fr', fr)).toBe(`longueur 80${NNBSP}cm`);
    expect(formatDimensions({}, 'fr', fr)).toBe('');
  });
});

describe('formatDay', () => {
  it('shows the calendar day of a date or a timestamp, whatever the time zone', () => {
    expect(formatDay('2026-12-03', 'fr')).toBe('3 déc. 2026');
    expect(formatDay('2026-12-03T23:59:00Z', 'en')).toBe('3 Dec 2026');
  });
});
