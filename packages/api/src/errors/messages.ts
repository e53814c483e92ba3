/**
 * French and English texts for the message keys used by the domain, the services and the
 * zod schemas. Shared by the API (error responses) and the web (field errors).
 */
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
  'site.notFound': { fr: "Ce site n'existe pas.", en: 'This site does not exist.' },
  'site.notOwner': {
    fr: 'Seuls les propriétaires du site peuvent faire cela.',
    en: 'Only the site owners can do this.',
  },
  'site.notMember': { fr: "Vous n'êtes pas membre de ce site.", en: 'You are not a member of this site.' },
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
  'measure.tooLarge': {
    fr: (p) => `Valeur trop grande${p.max ? ` (${p.max} au plus)` : ''}.`,
    en: (p) => `Value too large${p.max ? ` (at most ${p.max})` : ''}.`,
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
  'error.payloadTooLarge': { fr: 'Requête trop volumineuse.', en: 'Request too large.' },
};

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
