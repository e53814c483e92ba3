/**
 * French and English texts for the message keys used by the domain, the services and the
 * zod schemas. Shared by the API (error responses) and the web (field errors).
 */
import { sourcingMessages } from './messages-sourcing.ts';
import { tourMessages } from './messages-tours.ts';

export type Locale = 'fr' | 'en';
type Params = Record<string, string | number>;
type Text = string | ((p: Params) => string);

export const messages: Record<string, { fr: Text; en: Text }> = {
  'validation.failed': { fr: 'Certains champs sont invalides.', en: 'Some fields are invalid.' },
  'field.required': { fr: 'Ce champ est obligatoire.', en: 'This field is required.' },
  'field.tooLong': {
    fr: (p) => `Ce champ ne doit pas dépasser ${p.max} caractères.`,
    en: (p) => `This field must be at most ${p.max} characters long.`,
  },
  'field.email': { fr: 'Adresse e-mail invalide.', en: 'Invalid e-mail address.' },
  'field.url': {
    fr: 'Adresse web invalide (elle doit commencer par https:// ou http://).',
    en: 'Invalid web address (it must start with https:// or http://).',
  },
  'field.phone': { fr: 'Numéro de téléphone invalide.', en: 'Invalid phone number.' },
  'field.uuid': { fr: 'Identifiant invalide.', en: 'Invalid identifier.' },
  'field.invalid': { fr: 'Valeur non reconnue.', en: 'Unrecognised value.' },
  'field.controlCharacters': {
    fr: 'Ce champ contient des caractères non autorisés (caractères de contrôle ou invisibles).',
    en: 'This field contains characters that are not allowed (control or invisible characters).',
  },
  'field.dateRange': {
    fr: 'La date doit être comprise entre 2000 et 2100.',
    en: 'The date must be between 2000 and 2100.',
  },
  'field.numberTooLarge': { fr: 'Valeur trop grande.', en: 'Value too large.' },
  'site.name.required': { fr: 'Le nom du site est obligatoire.', en: 'The site name is required.' },
  'site.address.required': { fr: "L'adresse est obligatoire.", en: 'The address is required.' },
  'site.postalCode.format': {
    fr: 'Le code postal doit comporter 5 chiffres.',
    en: 'The postal code must have 5 digits.',
  },
  'site.postalCodeUnknown': {
    fr: (p) => `Le code postal ${p.postalCode} n'existe pas.`,
    en: (p) => `Postal code ${p.postalCode} does not exist.`,
  },
  'site.communeNotInPostalCode': {
    fr: "Cette commune n'est pas desservie par ce code postal.",
    en: 'This commune is not served by this postal code.',
  },
  'site.pointFarFromCommune': {
    fr: (p) => `Le point est à ${p.km} km de la commune (${p.max} km au plus).`,
    en: (p) => `The point is ${p.km} km from the commune (at most ${p.max} km).`,
  },
  'site.lat.range': {
    fr: 'La latitude doit être comprise entre -90 et 90.',
    en: 'Latitude must be between -90 and 90.',
  },
  'site.lon.range': {
    fr: 'La longitude doit être comprise entre -180 et 180.',
    en: 'Longitude must be between -180 and 180.',
  },
  'site.sectors.min': { fr: 'Choisissez au moins une filière.', en: 'Choose at least one sector.' },
  'site.sectors.unknown': { fr: 'Filière inconnue.', en: 'Unknown sector.' },
  'site.territoryType.invalid': { fr: 'Type de territoire inconnu.', en: 'Unknown territory type.' },
  'site.vatRate': {
    fr: 'Taux de TVA non reconnu (20 %, 10 %, 5,5 % ou 2,1 %).',
    en: 'Unrecognised VAT rate (20%, 10%, 5.5% or 2.1%).',
  },
  'trade.vehicleUnknown': { fr: 'Véhicule inconnu.', en: 'Unknown vehicle.' },
  'site.notFound': { fr: "Ce site n'existe pas.", en: 'This site does not exist.' },
  'site.notOwner': {
    fr: 'Seuls les propriétaires du site peuvent faire cela.',
    en: 'Only the site owners can do this.',
  },
  'site.notMember': { fr: "Vous n'êtes pas membre de ce site.", en: 'You are not a member of this site.' },
  'site.selfVerification': {
    fr: 'Un site ne peut pas être vérifié par l’un de ses propres membres.',
    en: 'A site cannot be verified by one of its own members.',
  },
  'site.notInScope': {
    fr: "Ce site n'est pas dans votre territoire de coordination.",
    en: 'This site is not in your coordination territory.',
  },
  'password.tooShort': {
    fr: (p) => `Le mot de passe doit comporter au moins ${p.min ?? 10} caractères.`,
    en: (p) => `The password must be at least ${p.min ?? 10} characters long.`,
  },
  'password.tooLong': {
    fr: (p) => `Le mot de passe ne doit pas dépasser ${p.max ?? 128} caractères.`,
    en: (p) => `The password must be at most ${p.max ?? 128} characters long.`,
  },
  'password.tooSimple': {
    fr: 'Mot de passe trop simple : variez les caractères.',
    en: 'Password too simple: use more varied characters.',
  },
  'password.containsEmail': {
    fr: 'Le mot de passe ne doit pas contenir votre adresse e-mail.',
    en: 'The password must not contain your e-mail address.',
  },
  'profile.communeUnknown': { fr: 'Commune inconnue.', en: 'Unknown commune.' },
  'account.notFound': { fr: 'Aucun compte avec cette adresse.', en: 'No account with this address.' },
  'account.cannotDropOwnAdmin': {
    fr: 'Vous ne pouvez pas retirer votre propre rôle administrateur.',
    en: 'You cannot remove your own admin role.',
  },
  'invitation.notFound': {
    fr: "Cette invitation n'existe pas ou le lien est incomplet.",
    en: 'This invitation does not exist or the link is incomplete.',
  },
  'invitation.accepted': {
    fr: 'Cette invitation a déjà été utilisée.',
    en: 'This invitation has already been used.',
  },
  'invitation.revoked': { fr: 'Cette invitation a été annulée.', en: 'This invitation was cancelled.' },
  'invitation.expired': { fr: 'Cette invitation a expiré.', en: 'This invitation has expired.' },
  'invitation.notPending': {
    fr: "Cette invitation n'est plus en attente.",
    en: 'This invitation is no longer pending.',
  },
  'invitation.otherEmail': {
    fr: 'Cette invitation est adressée à une autre adresse e-mail que celle de votre compte.',
    en: 'This invitation is addressed to another e-mail address than your account’s.',
  },
  'invitation.alreadyMember': {
    fr: 'Cette personne est déjà membre du site.',
    en: 'This person is already a member of the site.',
  },
  'member.notFound': {
    fr: "Cette personne n'est pas membre du site.",
    en: 'This person is not a member of the site.',
  },
  'member.lastOwner': {
    fr: 'Un site doit garder au moins un propriétaire.',
    en: 'A site must keep at least one owner.',
  },
  'field.date': { fr: 'Date invalide (AAAA-MM-JJ).', en: 'Invalid date (YYYY-MM-DD).' },
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
  'notifications.badCursor': {
    fr: 'Page de notifications invalide : rechargez la page.',
    en: 'Invalid notifications page: reload the page.',
  },
  'notifications.duplicateKind': {
    fr: 'Ce type de notification est déjà réglé plus haut : gardez un seul choix.',
    en: 'This kind of notification is already set above: keep a single choice.',
  },
  'notifications.badUnsubscribeToken': {
    fr: 'Ce lien de désabonnement est invalide. Connectez-vous pour régler vos préférences.',
    en: 'This unsubscribe link is invalid. Sign in to set your preferences.',
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
  'decimal.invalid': { fr: 'Nombre invalide.', en: 'Invalid number.' },
  'decimal.negative': { fr: 'Le nombre doit être positif.', en: 'The number must be positive.' },
  'money.negative': { fr: 'Un montant ne peut pas être négatif.', en: 'An amount cannot be negative.' },
  'money.negativeResult': {
    fr: 'Le montant dépasserait ce qui a été payé.',
    en: 'The amount would exceed what was paid.',
  },
  'money.notIntegerCents': {
    fr: 'Montant invalide (centimes entiers).',
    en: 'Invalid amount (whole cents).',
  },
  'money.subCentPrecision': {
    fr: 'Un montant a au plus deux décimales.',
    en: 'An amount has at most two decimals.',
  },
  'money.tooLarge': { fr: 'Montant trop élevé.', en: 'Amount too large.' },
  'money.invalidBasisPoints': { fr: 'Taux invalide.', en: 'Invalid rate.' },
  'money.invalidRatios': { fr: 'Répartition invalide.', en: 'Invalid split.' },
  'pricing.invalidFeeRate': { fr: 'Taux de commission invalide.', en: 'Invalid fee rate.' },
  'pricing.totalTooLarge': {
    fr: 'Le montant de cet échange dépasse 1 000 000 € : réduisez la quantité.',
    en: 'This trade would cost more than €1,000,000: reduce the quantity.',
  },
  'pricing.invalidVatRate': { fr: 'Taux de TVA invalide.', en: 'Invalid VAT rate.' },
  'pricing.belowMinimumCharge': {
    fr: 'Un échange payant doit coûter au moins 0,50 € TTC (minimum de paiement par carte) : augmentez la quantité ou le prix.',
    en: 'A paid trade must cost at least €0.50 including VAT (the card payment minimum): increase the quantity or the price.',
  },
  'ledger.amountNotPositive': { fr: 'Le montant doit être positif.', en: 'The amount must be positive.' },
  'ledger.missingId': { fr: 'Identifiant manquant.', en: 'Missing identifier.' },
  'ledger.sameHolder': {
    fr: 'La matière ne peut pas aller d’un site vers lui-même.',
    en: 'Material cannot move from a site to itself.',
  },
  'weight.notPositive': { fr: 'Le poids doit être supérieur à zéro.', en: 'The weight must be above zero.' },
  'weight.tooLarge': { fr: 'Poids trop élevé.', en: 'Weight too large.' },
  'weight.invalidGrams': { fr: 'Poids invalide.', en: 'Invalid weight.' },
  'trade.notFound': { fr: "Cet échange n'existe pas.", en: 'This trade does not exist.' },
  'trade.notParty': {
    fr: 'Vous ne participez pas à cet échange.',
    en: 'You are not a party to this trade.',
  },
  'trade.notBuyer': {
    fr: "Seul le demandeur de l'échange peut faire cela.",
    en: 'Only the buyer of this trade can do this.',
  },
  'trade.ownLot': {
    fr: 'Vous ne pouvez pas demander un lot de votre propre site.',
    en: 'You cannot request a lot from your own site.',
  },
  'trade.notBuyerSiteMember': {
    fr: "Vous n'êtes pas membre de ce site.",
    en: 'You are not a member of this site.',
  },
  'trade.lotNotAvailable': { fr: "Ce lot n'est plus disponible.", en: 'This lot is no longer available.' },
  'trade.quantityInvalid': {
    fr: 'La quantité doit être positive, avec au plus 3 décimales.',
    en: 'The quantity must be positive, with at most 3 decimals.',
  },
  'trade.decimal': { fr: 'Nombre invalide.', en: 'Invalid number.' },
  'trade.quantityExceedsAvailable': {
    fr: (p) => `Il reste ${p.available} ${p.unit ?? ''} disponibles : demandez-en moins.`.replace('  ', ' '),
    en: (p) => `Only ${p.available} ${p.unit ?? ''} left: request less.`.replace('  ', ' '),
  },
  'trade.quantityUnavailable': {
    fr: "La quantité demandée n'est plus disponible : un autre échange l'a réservée.",
    en: 'The requested quantity is no longer available: another trade reserved it.',
  },
  'trade.illegalTransition': {
    fr: "Cette action n'est plus possible à cette étape de l'échange.",
    en: 'This action is no longer possible at this stage of the trade.',
  },
  'trade.notAllowedForActor': {
    fr: "Vous n'avez pas le droit de faire cela dans cet échange.",
    en: 'You are not allowed to do this in this trade.',
  },
  'trade.ownPickupProposal': {
    fr: "C'est l'autre partie qui doit accepter le créneau que vous avez proposé.",
    en: 'The other party must agree to the slot you proposed.',
  },
  'trade.pickupSlotInvalid': {
    fr: 'Le créneau doit avoir un début avant sa fin.',
    en: 'The slot must start before it ends.',
  },
  'trade.pickupSlotInPast': { fr: 'Ce créneau est déjà passé.', en: 'This slot is already over.' },
  'trade.disputeReasonRequired': {
    fr: 'Décrivez le problème.',
    en: 'Describe the problem.',
  },
  'trade.disputeReasonTooLong': {
    fr: 'La description est trop longue.',
    en: 'The description is too long.',
  },
  'trade.invalidResolution': { fr: 'Décision invalide.', en: 'Invalid decision.' },
  'trade.resolutionNotApplicable': {
    fr: "Cette décision ne s'applique pas à cet échange.",
    en: 'This decision does not apply to this trade.',
  },
  'operations.refundExceedsPaid': {
    fr: (p) =>
      `Le remboursement ne peut pas dépasser ce qui reste payé (${(Number(p.max) / 100).toFixed(2).replace('.', ',')} €).`,
    en: (p) => `The refund cannot exceed what remains paid (€${(Number(p.max) / 100).toFixed(2)}).`,
  },
  'operations.disputeNotOpen': {
    fr: "Ce litige n'est plus ouvert : il a déjà été résolu.",
    en: 'This dispute is no longer open: it was already resolved.',
  },
  'operations.paymentAlreadyDone': {
    fr: 'Ce versement ou remboursement a déjà été fait (ou réglé hors plateforme) : rien à réessayer.',
    en: 'This payout or refund was already made (or settled off platform): nothing to retry.',
  },
  'operations.paymentNotFound': {
    fr: 'Versement ou remboursement introuvable.',
    en: 'Payout or refund not found.',
  },
  'operations.siteAlreadyVerified': {
    fr: 'Ce site est déjà vérifié.',
    en: 'This site is already verified.',
  },
  'operations.cannotModerateSelf': {
    fr: 'Vous ne pouvez pas suspendre votre propre compte.',
    en: 'You cannot suspend your own account.',
  },
  'operations.subjectNotFound': {
    fr: 'Lot, site ou compte introuvable.',
    en: 'Lot, site or account not found.',
  },
  'operations.alreadyModerated': {
    fr: 'Une mesure de modération est déjà en cours sur cet élément.',
    en: 'A moderation hold is already in force on this item.',
  },
  'operations.notModerated': {
    fr: 'Aucune mesure de modération en cours sur cet élément.',
    en: 'No moderation hold is in force on this item.',
  },
  'operations.feeOutOfRange': {
    fr: 'La commission doit être comprise entre 0 et 3 000 points de base (30 %).',
    en: 'The fee must be between 0 and 3,000 basis points (30%).',
  },
  'moderation.lotHidden': {
    fr: "Ce lot a été masqué par l'équipe de modération : il ne peut pas être échangé.",
    en: 'This lot was hidden by the moderation team: it cannot be traded.',
  },
  'moderation.siteSuspended': {
    fr: "Ce site est suspendu par l'équipe de modération : il ne peut pas échanger.",
    en: 'This site is suspended by the moderation team: it cannot trade.',
  },
  'moderation.accountSuspended': {
    fr: "Ce compte est suspendu par l'équipe de modération : il ne peut pas échanger.",
    en: 'This account is suspended by the moderation team: it cannot trade.',
  },
  'trade.refundExceedsPaid': {
    fr: 'Le remboursement dépasse ce qui a été payé.',
    en: 'The refund exceeds what was paid.',
  },
  'trade.receiptWeightDiffers': {
    fr: (p) => `Le poids diffère de celui remis (${p.handoverKg} kg) : ouvrez un litige.`,
    en: (p) => `The weight differs from the handed-over one (${p.handoverKg} kg): open a dispute.`,
  },
  'trade.notAwaitingPayment': {
    fr: "Cet échange n'attend pas de paiement.",
    en: 'This trade is not awaiting payment.',
  },
  'trade.timerNotDue': { fr: "Ce délai n'est pas encore écoulé.", en: 'This deadline has not passed yet.' },
  'trade.unknownTransition': { fr: 'Action inconnue.', en: 'Unknown action.' },
  'trade.invalidTime': { fr: 'Date invalide.', en: 'Invalid date.' },
  'payments.sellerNotOnboarded': {
    fr: "Les paiements de ce site ne sont pas encore activés : un échange payant ne peut être accepté qu'une fois le compte de paiement (Stripe) activé. Activez-le depuis la page « Paiements » du site.",
    en: "This site's payments are not enabled yet: a paid trade can only be accepted once the payment account (Stripe) is active. Enable it from the site's « Payments » page.",
  },
  'lot.paymentAccountRequired': {
    fr: "Pour publier un lot payant, le site doit d'abord activer les paiements (compte Stripe). Activez-les, ou publiez le lot gratuitement.",
    en: 'To publish a priced lot, the site must first enable payments (Stripe account). Enable them, or publish the lot for free.',
  },
  'trade.sellerPaymentPending': {
    fr: "Paiement en attente d'activation : ce lot payant ne peut pas encore être demandé, le site vendeur n'a pas activé ses paiements.",
    en: 'Payment pending activation: this priced lot cannot be requested yet, the selling site has not enabled payments.',
  },
  'offer.notLotSite': {
    fr: 'Seuls les membres du site de ce lot peuvent le proposer.',
    en: "Only members of this lot's site can offer it.",
  },
  'offer.requestClosed': {
    fr: "Cette demande n'est plus ouverte.",
    en: 'This request is no longer open.',
  },
  'offer.ownSite': {
    fr: 'Cette demande vient d’un membre de votre site.',
    en: 'This request comes from a member of your site.',
  },
  'offer.alreadyOpen': {
    fr: 'Ce lot est déjà proposé pour cette demande.',
    en: 'This lot is already offered for this request.',
  },
  'offer.notOpen': {
    fr: "Cette proposition n'est plus ouverte.",
    en: 'This offer is no longer open.',
  },
  'offer.notFound': { fr: 'Proposition introuvable.', en: 'Offer not found.' },
  'savedSearch.nameRequired': {
    fr: 'Donnez un nom à cette recherche.',
    en: 'Give this search a name.',
  },
  'savedSearch.notFound': { fr: 'Recherche enregistrée introuvable.', en: 'Saved search not found.' },
  'savedSearch.tooMany': {
    fr: (p) => `Vous avez déjà ${p.max} recherches enregistrées : supprimez-en une d'abord.`,
    en: (p) => `You already have ${p.max} saved searches: delete one first.`,
  },
  'payments.unavailable': {
    fr: 'Les paiements ne sont pas disponibles sur cette instance.',
    en: 'Payments are not available on this instance.',
  },
  'payments.webhookPayload': {
    fr: 'Notification de paiement mal formée.',
    en: 'Malformed payment notification.',
  },
  'payments.webhookSignature': {
    fr: 'Signature du webhook Stripe invalide ou expirée.',
    en: 'Invalid or expired Stripe webhook signature.',
  },
  'error.notFound': { fr: 'Introuvable.', en: 'Not found.' },
  'error.unauthenticated': { fr: 'Connectez-vous pour continuer.', en: 'Please sign in to continue.' },
  'error.forbidden': { fr: "Vous n'avez pas le droit de faire cela.", en: 'You are not allowed to do this.' },
  'error.conflict': { fr: 'Conflit : réessayez.', en: 'Conflict: please try again.' },
  'error.rateLimited': {
    fr: 'Trop de tentatives : réessayez dans quelques minutes.',
    en: 'Too many attempts: try again in a few minutes.',
  },
  'error.internal': {
    fr: 'Une erreur inattendue est survenue. Réessayez.',
    en: 'An unexpected error occurred. Please try again.',
  },
  'error.badRequest': { fr: 'Requête invalide.', en: 'Invalid request.' },
  'trpc.PARSE_ERROR': {
    fr: "Le corps de la requête n'est pas du JSON valide.",
    en: 'The request body is not valid JSON.',
  },
  'trpc.BAD_REQUEST': { fr: 'Requête invalide.', en: 'Invalid request.' },
  'trpc.NOT_FOUND': { fr: 'Cette procédure n’existe pas.', en: 'No such procedure.' },
  'trpc.METHOD_NOT_SUPPORTED': {
    fr: 'Méthode HTTP non prise en charge pour cette procédure.',
    en: 'HTTP method not supported for this procedure.',
  },
  'trpc.UNSUPPORTED_MEDIA_TYPE': {
    fr: 'Type de contenu non pris en charge.',
    en: 'Unsupported content type.',
  },
  'trpc.PAYLOAD_TOO_LARGE': { fr: 'Requête trop volumineuse.', en: 'Request too large.' },
  'trpc.UNAUTHORIZED': { fr: 'Connectez-vous pour continuer.', en: 'Please sign in to continue.' },
  'trpc.FORBIDDEN': { fr: "Vous n'avez pas le droit de faire cela.", en: 'You are not allowed to do this.' },
  'trpc.TOO_MANY_REQUESTS': {
    fr: 'Trop de requêtes : réessayez dans un moment.',
    en: 'Too many requests: try again in a moment.',
  },
  'error.payloadTooLarge': { fr: 'Requête trop volumineuse.', en: 'Request too large.' },
  'error.csrf': {
    fr: 'Requête refusée : rechargez la page et réessayez.',
    en: 'Request refused: reload the page and try again.',
  },
  'error.batchTooLarge': {
    fr: (p) => `Trop d’appels groupés dans une requête : ${p.count} (${p.max} au plus).`,
    en: (p) => `Too many batched calls in one request: ${p.count} (at most ${p.max}).`,
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
  ...sourcingMessages,
  ...tourMessages,
};

function fmt(v: string | number | undefined, locale: Locale): string {
  return new Intl.NumberFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { maximumFractionDigits: 1 }).format(
    Number(v ?? 0),
  );
}

function eur(cents: string | number | undefined, locale: Locale): string {
  return new Intl.NumberFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', {
    style: 'currency',
    currency: 'EUR',
  }).format(Number(cents ?? 0) / 100);
}

function dims(p: Params, locale: Locale): string {
  const parts = [p.minLengthMm, p.minWidthMm, p.minThicknessMm].filter((v) => v !== undefined && v !== null);
  return parts.map((v) => `${fmt(Number(v) / 10, locale)} cm`).join(' × ');
}

export function hasMessage(key: string): boolean {
  return Object.hasOwn(messages, key);
}

/** Translates a message key; unknown keys come back as they are. */
export function translate(key: string, locale: Locale, params: Params = {}): string {
  const entry = messages[key];
  if (!entry) return key;
  const text = entry[locale];
  return typeof text === 'function' ? text(params) : text;
}
