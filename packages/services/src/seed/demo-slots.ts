import { type Opening, openingWindowOn, parisDayMinutes, parisInstant } from '@retaille/domain';

/**
 * Pickup slots of the demo inside the seller sites' opening hours, so that the tour planners
 * (which read the hours as the stops' windows) can plan every demo pickup: the first day, from
 * `daysAhead` days after `now`, on which every site is open, starting when the last one opens.
 */

export interface DemoSlot {
  day: string;
  start: Date;
  end: Date;
}

/**
 * A slot of at most `durationMin` minutes on the first day every site is open (sites without
 * hours are open all day, as the planner reads them), within the hours they share; none found
 * in three weeks gives a slot on the first day at 9 h.
 */
export function sharedDemoSlot(
  hours: readonly (readonly Opening[])[],
  now: Date,
  daysAhead: number,
  durationMin = 120,
): DemoSlot {
  for (let ahead = daysAhead; ahead < daysAhead + 21; ahead++) {
    const day = parisDayMinutes(new Date(now.getTime() + ahead * 86_400_000)).day;
    // Without any hours given, a morning slot.
    let from = hours.some((h) => h.length > 0) ? 0 : 9 * 60;
    let to = 24 * 60;
    let open = true;
    for (const h of hours) {
      const w = openingWindowOn(h, day);
      if (w === 'closed') open = false;
      else if (w !== null) {
        from = Math.max(from, w.fromMin);
        to = Math.min(to, w.toMin);
      }
    }
    if (!open || to - from < 60) continue;
    return { day, start: parisInstant(day, from), end: parisInstant(day, Math.min(to, from + durationMin)) };
  }
  const day = parisDayMinutes(new Date(now.getTime() + daysAhead * 86_400_000)).day;
  return { day, start: parisInstant(day, 9 * 60), end: parisInstant(day, 9 * 60 + durationMin) };
}
