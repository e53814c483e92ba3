/**
 * French and English texts of the catalogue (lots, photos, search, wanted requests) and pickup
 * tours, kept apart from messages.ts so that file stays one job per part; merged into `messages` there.
 */
import type { Text } from './message-format.ts';

export const catalogueMessages: Record<string, { fr: Text; en: Text }> = {
  'measure.notANumber': { fr: 'Saisissez un nombre.', en: 'Enter a number.' },
  'measure.negative': { fr: 'La valeur ne peut pas être négative.', en: 'The value cannot be negative.' },
  'measure.zero': {
    fr: 'La valeur doit être supérieure à zéro.',
    en: 'The value must be greater than zero.',
  },
  'measure.tooSmall': {
    fr: (p) => `Valeur trop petite${p.min ? ` (au moins ${p.min})` : ''}.`,
    en: (p) => `Value too small${p.min ? ` (at least ${p.min})` : ''}.`,
  },
  // `max` may come formatted (« 2 000 ») and `unit` names what it counts (mm, cm, m).
  'measure.tooLarge': {
    fr: (p) => `Valeur trop grande${p.max ? ` (${p.max}${p.unit ? `\u00a0${p.unit}` : ''} au plus)` : ''}.`,
    en: (p) => `Value too large${p.max ? ` (at most ${p.max}${p.unit ? ` ${p.unit}` : ''})` : ''}.`,
  },
  'measure.required': {
    fr: 'Cette dimension est nécessaire pour estimer le poids (ou indiquez le poids pesé).',
    en: 'This dimension is needed to estimate the weight (or give the weighed mass).',
  },
  'measure.notInteger': {
    fr: 'Cette unité se compte en nombre entier.',
    en: 'This unit is counted in whole numbers.',
  },
  'composition.empty': { fr: 'Indiquez la composition.', en: 'Give the composition.' },
  'composition.unknownFibre': { fr: 'Fibre inconnue.', en: 'Unknown fibre.' },
  'composition.notAFibre': {
    fr: "Cette matière n'est pas une fibre textile.",
    en: 'This material is not a textile fibre.',
  },
  'composition.percentOutOfRange': { fr: 'Pourcentage entre 0 et 100.', en: 'Percentage between 0 and 100.' },
  'composition.duplicateFibre': { fr: 'Fibre en double.', en: 'Duplicate fibre.' },
  'composition.sumNot100': {
    fr: (p) => `La composition doit totaliser 100 % (ici ${p.sum} %).`,
    en: (p) => `The composition must add up to 100% (here ${p.sum}%).`,
  },
  'lot.title.required': {
    fr: 'Donnez un titre (3 caractères au moins).',
    en: 'Give a title (at least 3 characters).',
  },
  'lot.materialUnknown': { fr: 'Choisissez une matière de la liste.', en: 'Pick a material from the list.' },
  'lot.unitUnknown': { fr: 'Unité inconnue.', en: 'Unknown unit.' },
  'lot.conditionUnknown': { fr: 'État inconnu.', en: 'Unknown condition.' },
  'lot.price.onFreeLot': {
    fr: 'Un lot gratuit (don) ne peut pas avoir de prix.',
    en: 'A free lot (donation) cannot have a price.',
  },
  'lot.price.required': {
    fr: 'Indiquez un prix, ou cochez « gratuit ».',
    en: 'Give a price, or tick “free”.',
  },
  'lot.price.cents': {
    fr: 'Le prix doit être un nombre de centimes entier.',
    en: 'The price must be a whole number of cents.',
  },
  'lot.price.positive': { fr: 'Le prix doit être positif.', en: 'The price must be positive.' },
  'lot.photos.tooMany': { fr: '8 photos au plus.', en: 'At most 8 photos.' },
  'lot.windowReversed': {
    fr: 'La fin de disponibilité doit suivre le début.',
    en: 'The end of availability must come after its start.',
  },
  'lot.windowPast': {
    fr: 'La fin de disponibilité est déjà passée.',
    en: 'The end of availability is already past.',
  },
  'lot.notFound': {
    fr: "Ce lot n'existe pas ou n'est plus en ligne.",
    en: 'This lot does not exist or is no longer listed.',
  },
  'lot.notSiteMember': {
    fr: 'Seuls les membres du site peuvent gérer ses lots.',
    en: 'Only members of the site can manage its lots.',
  },
  'lot.siteNotVerified': {
    fr: "Votre site n'est pas encore vérifié par la coordination : vous pouvez préparer des brouillons, pas encore publier.",
    en: 'Your site is not verified by the coordination yet: you can prepare drafts, not publish yet.',
  },
  'lot.siteFixed': {
    fr: "Le site d'enlèvement d'un lot ne change pas.",
    en: "A lot's pickup site cannot change.",
  },
  'lot.quantityBelowCommitted': {
    fr: (p) => `La quantité ne peut pas descendre sous ce qui est déjà réservé ou cédé (${p.committed}).`,
    en: (p) => `The quantity cannot go below what is already reserved or handed over (${p.committed}).`,
  },
  'lot.nothingLeft': {
    fr: 'Il ne reste rien à publier dans ce lot.',
    en: 'Nothing is left to list in this lot.',
  },
  'lot.hasReservations': {
    fr: 'Ce lot a des réservations en cours : annulez-les avant de le retirer.',
    en: 'This lot has reservations in progress: cancel them before withdrawing it.',
  },
  'lot.cannot.publish': {
    fr: 'Ce lot ne peut pas être publié dans son état actuel.',
    en: 'This lot cannot be listed in its current state.',
  },
  'lot.cannot.withdraw': {
    fr: 'Ce lot ne peut pas être retiré dans son état actuel.',
    en: 'This lot cannot be withdrawn in its current state.',
  },
  'lot.cannot.edit': { fr: 'Ce lot ne peut plus être modifié.', en: 'This lot can no longer be edited.' },
  'photo.empty': { fr: 'Le fichier est vide.', en: 'The file is empty.' },
  'photo.tooLarge': {
    fr: (p) => `Photo trop lourde (${p.maxMb} Mo au plus).`,
    en: (p) => `Photo too large (at most ${p.maxMb} MB).`,
  },
  'photo.notAnImage': {
    fr: "Ce fichier n'est pas une image lisible (JPEG, PNG, WebP, AVIF, HEIC).",
    en: 'This file is not a readable image (JPEG, PNG, WebP, AVIF, HEIC).',
  },
  'photo.tooManyPixels': { fr: 'Image trop grande en pixels.', en: 'Image too large in pixels.' },
  'photo.quotaExceeded': {
    fr: (p) =>
      p.period === 'day'
        ? `Limite atteinte : ${p.max} photos par 24 heures. Réessayez plus tard.`
        : `Limite atteinte : vos photos occupent déjà ${p.maxMb} Mo.`,
    en: (p) =>
      p.period === 'day'
        ? `Limit reached: ${p.max} photos per 24 hours. Try again later.`
        : `Limit reached: your photos already take ${p.maxMb} MB.`,
  },
  'search.radiusRange': {
    fr: (p) => `Le rayon doit être compris entre 1 et ${p.max ?? 500} km.`,
    en: (p) => `The radius must be between 1 and ${p.max ?? 500} km.`,
  },
  'search.radiusNeedsPoint': {
    fr: 'Un rayon demande un point de départ.',
    en: 'A radius needs a starting point.',
  },
  'search.pointOutside': {
    fr: 'Ce point est hors de France métropolitaine.',
    en: 'This point is outside mainland France.',
  },
  'search.noHome': {
    fr: 'Indiquez votre commune dans « Mon compte » pour chercher autour de chez vous.',
    en: 'Set your commune in “My account” to search around your home.',
  },
  'search.badCursor': {
    fr: 'Page de résultats invalide : relancez la recherche.',
    en: 'Invalid results page: search again.',
  },
  'request.materials.min': { fr: 'Choisissez au moins une matière.', en: 'Choose at least one material.' },
  'request.rangeReversed': {
    fr: 'La quantité maximale doit être au moins égale à la minimale.',
    en: 'The maximum quantity must be at least the minimum.',
  },
  'request.notFound': { fr: "Cette demande n'existe pas.", en: 'This request does not exist.' },
  'request.notMine': { fr: "Cette demande n'est pas la vôtre.", en: 'This request is not yours.' },
  'request.notOpen': { fr: "Cette demande n'est plus ouverte.", en: 'This request is no longer open.' },
  'lot.paymentAccountRequired': {
    fr: "Pour publier un lot payant, le site doit d'abord activer les paiements (compte Stripe). Activez-les, ou publiez le lot gratuitement.",
    en: 'To publish a priced lot, the site must first enable payments (Stripe account). Enable them, or publish the lot for free.',
  },
  'tour.invalidInput': { fr: 'Cette demande de tournée est invalide.', en: 'This tour request is invalid.' },
  'tour.tooManyStops': {
    fr: (p) => `Trop d’arrêts pour une tournée (${p.max} au plus).`,
    en: (p) => `Too many stops for one tour (at most ${p.max}).`,
  },
  'tour.pointOutsideFrance': { fr: 'Ce point est hors de France.', en: 'This point is outside France.' },
  'tour.duplicateId': { fr: 'Cet arrêt figure deux fois.', en: 'This stop appears twice.' },
  'tour.invalidMatrix': {
    fr: (p) => `La matrice des distances doit compter ${p.size} × ${p.size} valeurs positives.`,
    en: (p) => `The distance matrix must hold ${p.size} × ${p.size} non-negative values.`,
  },
  'tour.windowReversed': {
    fr: 'Le créneau se termine avant de commencer.',
    en: 'The time window ends before it starts.',
  },
  'tour.windowEmpty': {
    fr: 'Le créneau de retrait ne recoupe pas les heures d’ouverture du site.',
    en: 'The pickup window does not overlap the site’s opening hours.',
  },
  'tour.windowUnreachable': {
    fr: 'Ce retrait ne peut pas être atteint dans son créneau depuis le point de départ.',
    en: 'This pickup cannot be reached within its window from the start.',
  },
  'tour.capacityBelowLot': {
    fr: 'Ce lot dépasse la capacité du véhicule.',
    en: 'This lot exceeds the vehicle’s capacity.',
  },
  'tour.capacityExceeded': {
    fr: 'Ensemble, les lots dépassent la capacité du véhicule : une seule tournée ne suffit pas.',
    en: 'Together the lots exceed the vehicle’s capacity: one tour is not enough.',
  },
  'tour.windowsConflict': {
    fr: 'Aucun ordre de passage ne respecte tous les créneaux.',
    en: 'No order of stops meets every time window.',
  },
  'tour.noFeasiblePlace': {
    fr: 'Ce retrait n’a pas trouvé de place dans la tournée en respectant les créneaux.',
    en: 'This pickup found no place in the tour that meets the time windows.',
  },
  'tour.capacityPositive': {
    fr: 'La capacité du véhicule doit être supérieure à zéro.',
    en: 'The vehicle’s capacity must be above zero.',
  },
  'tour.tradeNotReady': {
    fr: 'Cet échange n’a pas de retrait convenu : il ne peut pas entrer dans une tournée.',
    en: 'This trade has no agreed pickup: it cannot be part of a tour.',
  },
  'tour.pickupOtherDay': {
    fr: 'Le retrait convenu pour cet échange tombe un autre jour.',
    en: 'The pickup agreed for this trade falls on another day.',
  },
  'tour.placeNotYours': {
    fr: 'Une tournée part de l’un de vos sites de destination ou d’un point de votre choix.',
    en: 'A tour starts from one of your destination sites or from a point of your choice.',
  },
  'tour.tradeAlreadyOnTrip': {
    fr: 'Cet échange est déjà rattaché à un trajet.',
    en: 'This trade is already part of a trip.',
  },
  'tour.infeasible': {
    fr: 'Cette tournée est impossible : elle ne peut pas être enregistrée comme trajet.',
    en: 'This tour is infeasible: it cannot be recorded as a trip.',
  },
};
