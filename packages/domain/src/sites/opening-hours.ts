import { z } from 'zod';

/**
 * A site's weekly opening hours (issue 17): at most one opening per weekday (ISO weekday, 1 =
 * Monday), in minutes from midnight. No rows means the hours are not given (the planner then
 * assumes the site is open all day); a day without a row, when some are given, is a closed day.
 * One window per day because the tour solvers model one window per stop (ADR 011).
 *
 * The text form is the French one shown on the site page, « lun.–ven. 9 h–17 h ; sam. 9 h–12 h »;
 * the parser also reads full day names, English abbreviations and « 09:00-17:00 ».
 */
const MINUTES_PER_DAY = 24 * 60;

export const openingSchema = z
  .object({
    weekday: z.number().int().min(1, { error: 'site.openingHours.weekday' }).max(7, {
      error: 'site.openingHours.weekday',
    }),
    fromMin: z.number().int().min(0, { error: 'site.openingHours.time' }).max(MINUTES_PER_DAY, {
      error: 'site.openingHours.time',
    }),
    toMin: z.number().int().min(0, { error: 'site.openingHours.time' }).max(MINUTES_PER_DAY, {
      error: 'site.openingHours.time',
    }),
  })
  .refine((o) => o.fromMin < o.toMin, { path: ['toMin'], error: 'site.openingHours.reversed' });
export type Opening = z.infer<typeof openingSchema>;

export const openingHoursSchema = z
  .array(openingSchema)
  .max(7, { error: 'site.openingHours.duplicateDay' })
  .superRefine((hours, ctx) => {
    const seen = new Set<number>();
    hours.forEach((o, i) => {
      if (seen.has(o.weekday)) {
        ctx.addIssue({ code: 'custom', path: [i, 'weekday'], message: 'site.openingHours.duplicateDay' });
      }
      seen.add(o.weekday);
    });
  });
export type OpeningHours = z.infer<typeof openingHoursSchema>;

export type OpeningHoursLocale = 'fr' | 'en';

const DAY_NAMES: Record<OpeningHoursLocale, readonly string[]> = {
  fr: ['lun.', 'mar.', 'mer.', 'jeu.', 'ven.', 'sam.', 'dim.'],
  en: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'],
};

/** Day words the parser accepts (accents removed, lower case, no final dot) → ISO weekday. */
const DAY_WORDS = new Map<string, number>(
  [
    ['lun', 'lundi', 'mon', 'monday', 'mo'],
    ['mar', 'mardi', 'tue', 'tues', 'tuesday', 'tu'],
    ['mer', 'mercredi', 'wed', 'wednesday', 'we'],
    ['jeu', 'jeudi', 'thu', 'thur', 'thurs', 'thursday', 'th'],
    ['ven', 'vendredi', 'fri', 'friday', 'fr'],
    ['sam', 'samedi', 'sat', 'saturday', 'sa'],
    ['dim', 'dimanche', 'sun', 'sunday', 'su'],
  ].flatMap((words, i) => words.map((w) => [w, i + 1] as [string, number])),
);

/** « 9 h », « 9h30 », « 9 h 30 », « 09:30 », « 17 ». */
const TIME = String.raw`(\d{1,2})(?:\s*(?:h|:)\s*(\d{2})?)?`;
const RULE = new RegExp(String.raw`^(.+?)\s*:?\s+${TIME}\s*(?:-|–|—|à|to)\s*${TIME}$`, 'i');

export type OpeningHoursParse =
  | { ok: true; hours: OpeningHours }
  | {
      ok: false;
      key:
        | 'site.openingHours.format'
        | 'site.openingHours.reversed'
        | 'site.openingHours.duplicateDay'
        | 'site.openingHours.time';
      rule: number;
    };

function minutes(h: string, m: string | undefined): number | null {
  const hours = Number(h);
  const mins = m === undefined ? 0 : Number(m);
  if (hours > 24 || mins > 59 || (hours === 24 && mins > 0)) return null;
  return hours * 60 + mins;
}

function dayOf(word: string): number | undefined {
  const key = word
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\.$/, '')
    .trim();
  return DAY_WORDS.get(key);
}

/** « lun.–ven. », « lun., mer., ven. », « sam.–lun. » (a range may wrap past Sunday). */
function parseDays(text: string): number[] | null {
  const days: number[] = [];
  for (const item of text.split(/\s*(?:,|\bet\b|\band\b)\s*/i)) {
    if (item === '') continue;
    const range = item.split(/\s*[-–—]\s*|\s+(?:au|to|à)\s+/i);
    if (range.length > 2) return null;
    const from = dayOf(range[0]!);
    const to = range.length === 2 ? dayOf(range[1]!) : from;
    if (from === undefined || to === undefined) return null;
    for (let d = from; ; d = (d % 7) + 1) {
      days.push(d);
      if (d === to) break;
    }
  }
  return days.length > 0 ? days : null;
}

/**
 * Reads opening hours written as rules separated by « ; » or new lines, each « days times »:
 * « lun.–ven. 9 h–17 h ; sam. 9 h 30–12 h ». An empty text gives no hours. Pure and bounded
 * (the caller bounds the text's length).
 */
export function parseOpeningHours(text: string): OpeningHoursParse {
  const hours: Opening[] = [];
  const rules = text
    .split(/[;\n]/)
    .map((r) => r.trim())
    .filter((r) => r !== '');
  for (const [i, rule] of rules.entries()) {
    const m = RULE.exec(rule);
    const days = m ? parseDays(m[1]!) : null;
    if (!m || days === null) return { ok: false, key: 'site.openingHours.format', rule: i };
    const fromMin = minutes(m[2]!, m[3]);
    const toMin = minutes(m[4]!, m[5]);
    if (fromMin === null || toMin === null) return { ok: false, key: 'site.openingHours.time', rule: i };
    if (fromMin >= toMin) return { ok: false, key: 'site.openingHours.reversed', rule: i };
    for (const weekday of days) {
      if (hours.some((o) => o.weekday === weekday)) {
        return { ok: false, key: 'site.openingHours.duplicateDay', rule: i };
      }
      hours.push({ weekday, fromMin, toMin });
    }
  }
  return { ok: true, hours: hours.sort((a, b) => a.weekday - b.weekday) };
}

function formatTime(min: number, locale: OpeningHoursLocale): string {
  const h = Math.floor(min / 60);
  const m = min % 60;
  if (locale === 'en') return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
  return m === 0 ? `${h}\u00a0h` : `${h}\u00a0h\u00a0${String(m).padStart(2, '0')}`;
}

/**
 * « lun.–ven. 9 h–17 h ; sam. 9 h–12 h »: consecutive days with the same hours are grouped.
 * Empty hours give ''.
 */
export function formatOpeningHours(hours: readonly Opening[], locale: OpeningHoursLocale = 'fr'): string {
  const sorted = [...hours].sort((a, b) => a.weekday - b.weekday);
  const groups: { first: number; last: number; fromMin: number; toMin: number }[] = [];
  for (const o of sorted) {
    const g = groups.at(-1);
    if (g && g.last === o.weekday - 1 && g.fromMin === o.fromMin && g.toMin === o.toMin) g.last = o.weekday;
    else groups.push({ first: o.weekday, last: o.weekday, fromMin: o.fromMin, toMin: o.toMin });
  }
  const names = DAY_NAMES[locale];
  return groups
    .map((g) => {
      const days =
        g.first === g.last
          ? names[g.first - 1]!
          : g.last === g.first + 1
            ? `${names[g.first - 1]}, ${names[g.last - 1]}`
            : `${names[g.first - 1]}–${names[g.last - 1]}`;
      return `${days} ${formatTime(g.fromMin, locale)}–${formatTime(g.toMin, locale)}`;
    })
    .join(locale === 'fr' ? ' ; ' : '; ');
}

/** ISO weekday (1 = Monday) of a calendar day « YYYY-MM-DD » (no clock, no time zone). */
export function isoWeekday(day: string): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const js = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return js === 0 ? 7 : js;
}

/**
 * The site's opening that day as a tour window: `null` when no hours are given (open all day),
 * `'closed'` when hours are given but not for that weekday.
 */
export function openingWindowOn(
  hours: readonly Opening[],
  day: string,
): { fromMin: number; toMin: number } | 'closed' | null {
  if (hours.length === 0) return null;
  const o = hours.find((h) => h.weekday === isoWeekday(day));
  return o ? { fromMin: o.fromMin, toMin: o.toMin } : 'closed';
}
