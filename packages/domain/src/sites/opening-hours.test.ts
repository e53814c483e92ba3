import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatOpeningHours,
  isoWeekday,
  type Opening,
  openingHoursSchema,
  openingWindowOn,
  parseOpeningHours,
} from './opening-hours.ts';

const weekdays = (from: number, to: number, fromMin: number, toMin: number): Opening[] =>
  Array.from({ length: to - from + 1 }, (_, i) => ({ weekday: from + i, fromMin, toMin }));

describe('parseOpeningHours', () => {
  it.each([
    ['lun.–ven. 9 h–17 h', weekdays(1, 5, 540, 1020)],
    ['lundi-vendredi 9h-17h', weekdays(1, 5, 540, 1020)],
    ['Mo-Fr 09:00-17:00', weekdays(1, 5, 540, 1020)],
    ['mon to fri 9:00 to 17:30', weekdays(1, 5, 540, 1050)],
    ['sam. 9 h 30–12 h', [{ weekday: 6, fromMin: 570, toMin: 720 }]],
    [
      'lun., mer. et ven. 8 h–12 h ; sam. 10 h–18 h',
      [
        { weekday: 1, fromMin: 480, toMin: 720 },
        { weekday: 3, fromMin: 480, toMin: 720 },
        { weekday: 5, fromMin: 480, toMin: 720 },
        { weekday: 6, fromMin: 600, toMin: 1080 },
      ],
    ],
    ['sam.–lun. 0 h–24 h', [1, 6, 7].map((weekday) => ({ weekday, fromMin: 0, toMin: 1440 }))],
    ['Mercredi 14 h à 18 h', [{ weekday: 3, fromMin: 840, toMin: 1080 }]],
    ['', []],
  ])('reads « %s »', (text, hours) => {
    expect(parseOpeningHours(text)).toEqual({ ok: true, hours });
  });

  it.each([
    ['lun.–ven.', 'site.openingHours.format', 0],
    ['9 h–17 h', 'site.openingHours.format', 0],
    ['lun. 9 h–17 h ; funday 9 h–12 h', 'site.openingHours.format', 1],
    ['lun. 17 h–9 h', 'site.openingHours.reversed', 0],
    ['lun. 9 h–9 h', 'site.openingHours.reversed', 0],
    ['lun. 9 h–25 h', 'site.openingHours.time', 0],
    ['lun. 9 h 75–12 h', 'site.openingHours.time', 0],
    ['lun.–ven. 9 h–12 h ; mer. 14 h–18 h', 'site.openingHours.duplicateDay', 1],
    ['lun. 9 h\u0000–12 h', 'site.openingHours.format', 0],
  ])('refuses « %s » with %s at rule %i', (text, key, rule) => {
    expect(parseOpeningHours(text)).toEqual({ ok: false, key, rule });
  });
});

describe('formatOpeningHours', () => {
  it('groups consecutive days with the same hours, in French and in English', () => {
    const hours = [...weekdays(1, 5, 540, 1020), { weekday: 6, fromMin: 570, toMin: 720 }];
    expect(formatOpeningHours(hours)).toBe('lun.–ven. 9\u00a0h–17\u00a0h ; sam. 9\u00a0h\u00a030–12\u00a0h');
    expect(formatOpeningHours(hours, 'en')).toBe('Mon–Fri 09:00–17:00; Sat 09:30–12:00');
    expect(
      formatOpeningHours([
        { weekday: 1, fromMin: 540, toMin: 600 },
        { weekday: 2, fromMin: 540, toMin: 600 },
      ]),
    ).toBe('lun., mar. 9\u00a0h–10\u00a0h');
    expect(formatOpeningHours([])).toBe('');
  });

  it('reads back what it writes (any valid hours, both languages)', () => {
    const opening = fc
      .record({
        weekday: fc.integer({ min: 1, max: 7 }),
        a: fc.integer({ min: 0, max: 1440 }),
        b: fc.integer({ min: 0, max: 1440 }),
      })
      .filter((o) => o.a !== o.b)
      .map((o) => ({ weekday: o.weekday, fromMin: Math.min(o.a, o.b), toMin: Math.max(o.a, o.b) }));
    const hoursArb = fc.uniqueArray(opening, { selector: (o) => o.weekday, maxLength: 7 });
    fc.assert(
      fc.property(hoursArb, fc.constantFrom('fr' as const, 'en' as const), (hours, locale) => {
        const sorted = [...hours].sort((a, b) => a.weekday - b.weekday);
        expect(openingHoursSchema.safeParse(sorted).success).toBe(true);
        expect(parseOpeningHours(formatOpeningHours(hours, locale))).toEqual({ ok: true, hours: sorted });
      }),
      { seed: 17, numRuns: 300 },
    );
  });
});

describe('openingWindowOn', () => {
  const hours = [...weekdays(1, 5, 540, 1020)];
  it('gives the window of the day, closed on a day without hours, none when no hours are given', () => {
    expect(isoWeekday('2026-12-07')).toBe(1);
    expect(isoWeekday('2026-12-13')).toBe(7);
    expect(openingWindowOn(hours, '2026-12-09')).toEqual({ fromMin: 540, toMin: 1020 });
    expect(openingWindowOn(hours, '2026-12-12')).toBe('closed');
    expect(openingWindowOn([], '2026-12-12')).toBeNull();
  });

  it('refuses a day twice and a reversed opening in the schema', () => {
    const twice = openingHoursSchema.safeParse([...hours, { weekday: 1, fromMin: 0, toMin: 60 }]);
    expect(twice.error?.issues.map((i) => i.message)).toContain('site.openingHours.duplicateDay');
    const reversed = openingHoursSchema.safeParse([{ weekday: 1, fromMin: 600, toMin: 540 }]);
    expect(reversed.error?.issues[0]?.message).toBe('site.openingHours.reversed');
  });
});
