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
  'tour.notFound': { fr: 'Cette tournée n’existe pas.', en: 'This tour does not exist.' },
  'tour.notCoordinator': {
    fr: 'Seuls les coordinateurs proposent des tournées partagées.',
    en: 'Only coordinators propose shared tours.',
  },
  'tour.territoryNotInScope': {
    fr: 'Ce territoire n’est pas dans votre périmètre de coordination.',
    en: 'This territory is outside your coordination scope.',
  },
  'tour.unknownTerritory': { fr: 'Territoire inconnu.', en: 'Unknown territory.' },
  'tour.depotOutsideTerritory': {
    fr: 'Le dépôt doit être un site du territoire choisi.',
    en: 'The depot must be a site of the chosen territory.',
  },
  'tour.capacityBelowLargestLot': {
    fr: (p) => `La capacité doit couvrir le plus gros lot (${p.kg} kg).`,
    en: (p) => `The capacity must cover the largest lot (${p.kg} kg).`,
  },
  'tour.nothingToPool': {
    fr: 'Aucun retrait convenu à regrouper ce jour-là sur ce territoire.',
    en: 'No agreed pickup to pool that day in this territory.',
  },
  'tour.alreadyRecorded': {
    fr: 'Cette tournée est déjà enregistrée comme trajet.',
    en: 'This tour is already recorded as a trip.',
  },
  'tour.noAcceptedStop': {
    fr: 'Aucun arrêt n’a été accepté par ses deux parties : rien à enregistrer.',
    en: 'No stop was accepted by both its parties: nothing to record.',
  },
  'tour.tradeAlreadyPooled': {
    fr: 'Un de ces retraits vient d’être proposé dans une autre tournée : recalculez.',
    en: 'One of these pickups was just proposed in another tour: plan again.',
  },
};
