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
