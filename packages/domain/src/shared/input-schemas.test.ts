import { describe, expect, it } from 'vitest';
import {
  calendarDateSchema,
  hasForbiddenCharacters,
  instantSchema,
  isCalendarDate,
  monthSchema,
  safeText,
} from './input-schemas.ts';

const keysOf = (r: { success: boolean; error?: { issues: { message: string }[] } }) =>
  r.success ? [] : (r.error?.issues.map((i) => i.message) ?? []);

describe('safeText', () => {
  it.each([
    ['NUL', 'a\u0000b'],
    ['bell', 'a\u0007'],
    ['escape', '\u001b[31m'],
    ['DEL', 'a\u007f'],
    ['vertical tab', 'a\u000bb'],
    ['lone high surrogate', 'ch\uD83Dne'],
    ['lone low surrogate', '\uDC00'],
    ['reversed pair', '\uDF33\uD83C'],
  ])('refuses %s everywhere', (_name, value) => {
    expect(keysOf(safeText().safeParse(value))).toEqual(['field.controlCharacters']);
    expect(keysOf(safeText({ multiline: true }).safeParse(value))).toEqual(['field.controlCharacters']);
  });

  it.each([
    ['tab', 'a\tb'],
    ['line feed', 'a\nb'],
    ['CRLF', 'a\r\nb'],
  ])('allows %s only in multi-line text', (_name, value) => {
    expect(keysOf(safeText().safeParse(value))).toEqual(['field.controlCharacters']);
    expect(safeText({ multiline: true }).parse(value)).toBe(value);
  });

  it('keeps accents, emoji (surrogate pairs), non-breaking spaces and quotes', () => {
    const text = 'Chêne 🌳 « massif » 2\u202f500 € — l’atelier';
    expect(hasForbiddenCharacters(text)).toBe(false);
    expect(safeText().trim().max(200).parse(`  ${text}  `)).toBe(text);
  });

  it('checks before the other rules, with a custom type error', () => {
    expect(keysOf(safeText().regex(/^\d+$/, { error: 'x' }).safeParse('1\u00002'))).toEqual([
      'field.controlCharacters',
    ]);
    expect(keysOf(safeText({ error: 'site.name.required' }).safeParse(42))).toEqual(['site.name.required']);
  });
});

describe('calendar dates', () => {
  it.each([
    ['2026-02-28', []],
    ['2028-02-29', []],
    ['2000-02-29', []],
    ['2100-12-31', []],
    ['2100-02-29', ['field.date']],
    ['2026-02-29', ['field.date']],
    ['2026-02-30', ['field.date']],
    ['2026-04-31', ['field.date']],
    ['2026-00-10', ['field.date']],
    ['2026-13-01', ['field.date']],
    ['9999-99-99', ['field.date']],
    ['0000-01-01', ['field.dateRange']],
    ['1999-12-31', ['field.dateRange']],
    ['2101-01-01', ['field.dateRange']],
    ['+275760-09-13', ['field.date']],
    ['2026-2-3', ['field.date']],
    ['2026-02-03T00:00:00Z', ['field.date']],
    ['2026-02-03\n', ['field.date']],
  ])('%s → %o', (value, keys) => {
    expect(keysOf(calendarDateSchema.safeParse(value))).toEqual(keys);
  });

  it('knows leap years', () => {
    expect([1900, 2000, 2024, 2026].map((y) => isCalendarDate(y, 2, 29))).toEqual([false, true, true, false]);
  });

  it.each([
    ['2026-01', true],
    ['0000-01', false],
    ['9999-12', false],
    ['2026-13', false],
  ])('month %s valid: %s', (value, ok) => {
    expect(monthSchema.safeParse(value).success).toBe(ok);
  });
});

describe('instants', () => {
  const schema = instantSchema('trade.pickupSlotInvalid');
  it.each([
    ['2027-01-04T09:00:00Z', '2027-01-04T09:00:00.000Z'],
    ['2027-01-04T09:00:00.123Z', '2027-01-04T09:00:00.123Z'],
    ['2027-01-04T10:00+01:00', '2027-01-04T09:00:00.000Z'],
  ])('parses %s', (value, iso) => {
    expect(schema.parse(value).toISOString()).toBe(iso);
  });

  it('takes a Date as it is', () => {
    const d = new Date('2027-01-04T09:00:00Z');
    expect(schema.parse(d)).toEqual(d);
  });

  it.each([
    ['2026-02-30T10:00:00Z'],
    ['2027-01-04T24:00:00Z'],
    ['2027-01-04T09:60:00Z'],
    ['2027-01-04T09:00:00'],
    ['2027-01-04'],
    ['+275760-09-13T00:00:00.000Z'],
    ['0000-01-01T00:00:00Z'],
    [''],
    [null],
    [0],
    [new Date(Number.NaN)],
    [new Date('+275760-09-13T00:00:00Z')],
  ])('refuses %o', (value) => {
    expect(keysOf(schema.safeParse(value))).toEqual(['trade.pickupSlotInvalid']);
  });
});
