/**
 * Pickup slots inside the sites' opening hours: the demo sites store their weekly hours and the
 * tour planners refuse a stop on a closed day or outside its hours (`tour.siteClosed`,
 * `tour.outsideOpeningHours`), so a spec that plans a tour agrees its pickups on a day every
 * site is open, within the hours they share.
 */

/** One opening of a site's week, as `sites.get` returns it (ISO weekday, Paris minutes). */
export interface Opening {
  weekday: number;
  fromMin: number;
  toMin: number;
}

const parisParts = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Paris',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

function paris(at: Date): { day: string; min: number } {
  const p = Object.fromEntries(parisParts.formatToParts(at).map((x) => [x.type, x.value]));
  return { day: `${p.year}-${p.month}-${p.day}`, min: Number(p.hour) * 60 + Number(p.minute) };
}

/** The Paris calendar day « YYYY-MM-DD » of an instant. */
export const parisDay = (at: Date): string => paris(at).day;

/** The instant of a Paris wall-clock time (minutes from midnight) on a calendar day. */
export function parisInstant(day: string, min: number): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  // Paris is one hour ahead of UTC in winter, two in summer.
  for (const offsetMin of [60, 120]) {
    const at = new Date(Date.UTC(y, m - 1, d, 0, min - offsetMin));
    const back = paris(at);
    if (back.day === day && back.min === min) return at;
  }
  throw new Error(`no Paris instant for ${day} ${min} min`);
}

function isoWeekday(day: string): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const js = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return js === 0 ? 7 : js;
}

/**
 * The first day from `daysAhead` days after `from` (up to three weeks) on which every site is
 * open and that `skip` does not exclude, with the slot of at most `maxMin` minutes starting when
 * the last of them opens. A site without hours is open all day (as the planner reads it).
 */
export function sharedSlot(
  sites: readonly { openingHours: readonly Opening[] }[],
  options: { from?: Date; daysAhead?: number; maxMin?: number; skip?: (day: string) => boolean } = {},
): { day: string; start: Date; end: Date } {
  const from = options.from ?? new Date();
  const maxMin = options.maxMin ?? 6 * 60;
  for (let ahead = options.daysAhead ?? 1; ahead < 21; ahead++) {
    const day = parisDay(new Date(from.getTime() + ahead * 86_400_000));
    if (options.skip?.(day)) continue;
    const weekday = isoWeekday(day);
    let open = 0;
    let close = 24 * 60;
    let closed = false;
    for (const site of sites) {
      if (site.openingHours.length === 0) continue;
      const o = site.openingHours.find((h) => h.weekday === weekday);
      if (!o) {
        closed = true;
        break;
      }
      open = Math.max(open, o.fromMin);
      close = Math.min(close, o.toMin);
    }
    if (closed || close - open < 60) continue;
    return { day, start: parisInstant(day, open), end: parisInstant(day, Math.min(close, open + maxMin)) };
  }
  throw new Error('no day on which every site is open in the next three weeks');
}
