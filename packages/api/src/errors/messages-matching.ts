/**
 * French and English texts of matching, network allocation and impact figures, kept apart from messages.ts so that
 * file stays one job per part; merged into `messages` there.
 */
import { dims, eur, fmt, type Text } from './message-format.ts';

export const matchingMessages: Record<string, { fr: Text; en: Text }> = {
  'allocation.notFound': { fr: "Cette allocation n'existe pas.", en: 'This allocation does not exist.' },
  'allocation.notFailed': {
    fr: 'Seule une allocation en échec peut être relancée.',
    en: 'Only a failed allocation can be retried.',
  },
  'allocation.empty': {
    fr: 'Aucun lot ou aucune demande ouverte dans ce territoire : rien à allouer.',
    en: 'No open lot or request in this territory: nothing to allocate.',
  },
  'allocation.failed': { fr: "L'allocation a échoué. Réessayez.", en: 'The allocation failed. Try again.' },
  'allocation.flowNotFound': { fr: "Cette proposition n'existe pas.", en: 'This proposal does not exist.' },
  'allocation.regionUnknown': { fr: 'Région inconnue.', en: 'Unknown region.' },
  'allocation.invalidInput': {
    fr: "Les données de l'allocation sont invalides.",
    en: 'The allocation data are invalid.',
  },
  'allocation.duplicateId': {
    fr: 'Un lot ou une demande apparaît deux fois.',
    en: 'A lot or a request appears twice.',
  },
  'allocation.invalidKg': {
    fr: 'Une quantité en kg est invalide (elle doit être un nombre positif ou nul).',
    en: 'A quantity in kg is invalid (it must be a number, zero or more).',
  },
  'allocation.invalidDistance': {
    fr: 'Une distance est invalide (elle doit être un nombre positif ou nul).',
    en: 'A distance is invalid (it must be a number, zero or more).',
  },
  'allocation.unknownEndpoint': {
    fr: 'Une paire désigne un lot ou une demande absent du problème.',
    en: 'A pair names a lot or a request that is not in the problem.',
  },
  'impact.forbidden': {
    fr: "Ce tableau de bord est réservé à la coordination du territoire, à l'administration et aux membres du site.",
    en: "This dashboard is for the territory's coordinators, administrators and the site's members.",
  },
  'impact.invalidMonth': { fr: 'Mois invalide (AAAA-MM).', en: 'Invalid month (YYYY-MM).' },
  'impact.periodReversed': {
    fr: 'La fin de la période doit suivre son début.',
    en: 'The end of the period must follow its start.',
  },
  'impact.periodTooLong': {
    fr: 'La période est limitée à 60 mois.',
    en: 'The period is limited to 60 months.',
  },
  'impact.circuitsPeriodTooLong': {
    fr: 'La carte des circuits couvre au plus 3 ans.',
    en: 'The circuits map covers at most 3 years.',
  },
  'impact.factorVersionNotFound': {
    fr: "Cette version de facteurs n'existe pas.",
    en: 'This factor version does not exist.',
  },
  'impact.methodVersionNotFound': {
    fr: "Cette version de la méthode d'impact n'existe pas.",
    en: 'This impact method version does not exist.',
  },
  'impact.importInvalid': {
    fr: "L'import de facteurs contient des erreurs : relancez la vérification.",
    en: 'The factor import has errors: run the review again.',
  },
  'impact.importChanged': {
    fr: "Les fichiers ou la version active ont changé depuis la vérification : vérifiez à nouveau avant d'enregistrer.",
    en: 'The files or the active version changed since the review: review again before saving.',
  },
  'impact.invalidInput': { fr: "Données d'impact invalides.", en: 'Invalid impact data.' },
  'impact.unknownVehicle': { fr: 'Véhicule inconnu.', en: 'Unknown vehicle.' },
  'impact.vehicleFactorMissing': {
    fr: "Ce véhicule n'a pas de facteur pour ce mode de transport.",
    en: 'This vehicle has no factor for this transport mode.',
  },
  'impact.invalidTimestamp': { fr: 'Date invalide.', en: 'Invalid date.' },
  'impact.invalidTrip': { fr: 'Trajet impossible.', en: 'Impossible trip.' },
  'impact.tripNegativeDistance': {
    fr: 'La distance doit être un nombre positif ou nul.',
    en: 'The distance must be zero or more.',
  },
  'impact.tripDistanceRequired': {
    fr: 'Indiquez la distance totale de la tournée.',
    en: 'Give the total distance of the tour.',
  },
  'impact.tripModeWithoutFactor': {
    fr: 'Mode de transport sans facteur d’émission.',
    en: 'Transport mode without an emission factor.',
  },
  'impact.tripPartiesMismatch': {
    fr: 'Ce lot ne fait pas partie des arrêts de ce trajet.',
    en: 'This lot is not among the stops of this trip.',
  },
  'impact.tripDuplicateTrade': {
    fr: 'Ce lot figure déjà dans ce trajet.',
    en: 'This lot is already in this trip.',
  },
  'impact.tripNotFound': { fr: 'Trajet introuvable.', en: 'Trip not found.' },
  'impact.tripAlreadyRecorded': {
    fr: 'Le trajet de ce lot est déjà enregistré (une tournée).',
    en: 'This lot’s trip is already recorded (a tour).',
  },
  'impact.tradeCountedTwice': {
    fr: 'Un échange serait compté deux fois.',
    en: 'A trade would be counted twice.',
  },
  'match.distance': { fr: (p) => `à ${fmt(p.km, 'fr')} km`, en: (p) => `${fmt(p.km, 'en')} km away` },
  'match.material.exact': { fr: 'matière exacte', en: 'exact material' },
  'match.material.substitute': { fr: 'matière de substitution', en: 'substitute material' },
  'match.material.sameFamily': { fr: 'même famille de matière', en: 'same material family' },
  'match.quantity': {
    fr: (p) => `${p.percent} % de la quantité`,
    en: (p) => `${p.percent}% of the quantity`,
  },
  'match.quantity.belowMinimum': {
    fr: (p) => `moins que le minimum demandé (${fmt(p.requestedMin, 'fr')})`,
    en: (p) => `less than the minimum asked (${fmt(p.requestedMin, 'en')})`,
  },
  'match.dimensions.ok': {
    fr: (p) => `pièces ≥ ${dims(p, 'fr')}`,
    en: (p) => `pieces ≥ ${dims(p, 'en')}`,
  },
  'match.dimensions.unknown': { fr: 'dimensions non précisées', en: 'dimensions not given' },
  'match.price.free': { fr: 'gratuit', en: 'free' },
  'match.price.amount': { fr: (p) => `${eur(p.totalCents, 'fr')}`, en: (p) => `${eur(p.totalCents, 'en')}` },
  'match.price.withinBudget': {
    fr: (p) => `${eur(p.totalCents, 'fr')}, dans le budget`,
    en: (p) => `${eur(p.totalCents, 'en')}, within budget`,
  },
  'match.price.overBudget': {
    fr: (p) => `${eur(p.totalCents, 'fr')}, au-dessus du budget de ${eur(p.budgetCents, 'fr')}`,
    en: (p) => `${eur(p.totalCents, 'en')}, over the ${eur(p.budgetCents, 'en')} budget`,
  },
  'match.freshness': {
    fr: (p) => (Number(p.days) === 0 ? "publié aujourd'hui" : `publié il y a ${p.days} j`),
    en: (p) => (Number(p.days) === 0 ? 'listed today' : `listed ${p.days} d ago`),
  },
  'match.transport': {
    fr: (p) => `transport ≈ ${fmt(p.co2eKg, 'fr')} kg CO2e`,
    en: (p) => `transport ≈ ${fmt(p.co2eKg, 'en')} kg CO2e`,
  },
  'match.excluded.noneAvailable': { fr: 'plus rien de disponible', en: 'nothing left' },
  'match.excluded.materialMismatch': { fr: 'matière non demandée', en: 'material not asked for' },
  'match.excluded.beyondRadius': { fr: 'hors du rayon demandé', en: 'beyond the radius asked' },
  'match.excluded.dimensionsTooSmall': { fr: 'pièces trop petites', en: 'pieces too small' },
  'match.excluded.overBudget': { fr: 'au-dessus du budget', en: 'over budget' },
  'match.invalidInput': {
    fr: 'Données invalides pour le calcul de la correspondance.',
    en: 'Invalid data for computing the match.',
  },
};
