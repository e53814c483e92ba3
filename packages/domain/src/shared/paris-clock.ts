/**
 * Paris wall-clock time: the calendar day and minutes from midnight of an instant, and back. Opening
 * hours, pickup slots and tours are all read on this clock, whatever the server's time zone.
 */

const parisParts = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Paris',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** The Paris calendar day « YYYY-MM-DD » and minutes from midnight of an instant. */
export function parisDayMinutes(at: Date): { day: string; min: number } {
  const p = Object.fromEntries(parisParts.formatToParts(at).map((x) => [x.type, x.value]));
  return { day: `${p.year}-${p.month}-${p.day}`, min: Number(p.hour) * 60 + Number(p.minute) };
}

/** The instant of a Paris wall-clock time (minutes from midnight) on a calendar day. */
export function parisInstant(day: string, min: number): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  // Paris is one hour ahead of UTC in winter, two in summer.
  for (const offsetMin of [60, 120]) {
    const at = new Date(Date.UTC(y, m - 1, d, 0, min - offsetMin));
    const back = parisDayMinutes(at);
    if (back.day === day && back.min === min) return at;
  }
  throw new Error(`no Paris instant for ${day} at ${min} min`);
}
