import { describe, expect, it } from 'vitest';
import { parisDayMinutes, parisInstant } from './paris-clock.ts';

describe('the Paris clock', () => {
  it('reads an instant as Paris day and minutes, winter (UTC+1) and summer (UTC+2)', () => {
    expect(parisDayMinutes(new Date('2026-01-15T08:30:00Z'))).toEqual({ day: '2026-01-15', min: 570 });
    expect(parisDayMinutes(new Date('2026-07-15T08:30:00Z'))).toEqual({ day: '2026-07-15', min: 630 });
    // Late evening UTC is already the next day in Paris.
    expect(parisDayMinutes(new Date('2026-07-15T22:30:00Z'))).toEqual({ day: '2026-07-16', min: 30 });
  });

  it('turns a Paris wall-clock time back into the instant, on both sides of a change of time', () => {
    expect(parisInstant('2026-01-15', 570).toISOString()).toBe('2026-01-15T08:30:00.000Z');
    expect(parisInstant('2026-07-15', 630).toISOString()).toBe('2026-07-15T08:30:00.000Z');
    expect(parisInstant('2026-03-29', 9 * 60).toISOString()).toBe('2026-03-29T07:00:00.000Z');
    expect(parisInstant('2026-10-25', 9 * 60).toISOString()).toBe('2026-10-25T08:00:00.000Z');
  });

  it('refuses a time that does not exist in Paris (the hour skipped in March)', () => {
    expect(() => parisInstant('2026-03-29', 2 * 60 + 30)).toThrow(/no Paris instant/);
  });
});
