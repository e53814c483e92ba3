/**
 * French and English texts of the opening hours and pooled tours keys (issue 17), kept apart from
 * messages.ts so that file stays readable; spread into `messages`.
 */
type Params = Record<string, string | number>;
type Text = string | ((p: Params) => string);

export const tourMessages: Record<string, { fr: Text; en: Text }> = {
  'site.openingHours.format': {
    fr: 'Horaires illisibles : écrivez par exemple « lun.–ven. 9 h–17 h ; sam. 9 h–12 h ».',
    en: 'Unreadable hours: write for example “Mon–Fri 09:00–17:00; Sat 09:00–12:00”.',
  },
  'site.openingHours.time': {
    fr: 'Heure impossible (entre 0 h et 24 h).',
    en: 'Impossible time (between 00:00 and 24:00).',
  },
  'site.openingHours.reversed': {
    fr: 'L’heure de fermeture doit suivre l’heure d’ouverture.',
    en: 'The closing time must come after the opening time.',
  },
  'site.openingHours.duplicateDay': {
    fr: 'Un jour figure deux fois : une seule plage d’ouverture par jour.',
    en: 'A day appears twice: one opening per day.',
  },
  'site.openingHours.weekday': { fr: 'Jour de la semaine inconnu.', en: 'Unknown day of the week.' },
  'tour.siteClosed': {
    fr: 'Le site de retrait est fermé ce jour-là.',
    en: 'The pickup site is closed that day.',
  },
  'tour.outsideOpeningHours': {
    fr: 'Le créneau de retrait convenu tombe hors des heures d’ouverture du site.',
    en: 'The agreed pickup slot falls outside the site’s opening hours.',
  },
};
