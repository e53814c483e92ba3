/**
 * French and English texts for the message keys used by the domain, the services and the
 * zod schemas. Shared by the API (error responses) and the web (field errors).
 */
import type { Locale, Params, Text } from './message-format.ts';
import { catalogueMessages } from './messages-catalogue.ts';
import { matchingMessages } from './messages-matching.ts';
import { sourcingMessages } from './messages-sourcing.ts';
import { tourMessages } from './messages-tours.ts';
import { tradeMessages } from './messages-trades.ts';

export type { Locale } from './message-format.ts';

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
  'decimal.invalid': { fr: 'Nombre invalide.', en: 'Invalid number.' },
  'decimal.negative': { fr: 'Le nombre doit être positif.', en: 'The number must be positive.' },
  'ledger.amountNotPositive': { fr: 'Le montant doit être positif.', en: 'The amount must be positive.' },
  'ledger.missingId': { fr: 'Identifiant manquant.', en: 'Missing identifier.' },
  'ledger.sameHolder': {
    fr: 'La matière ne peut pas aller d’un site vers lui-même.',
    en: 'Material cannot move from a site to itself.',
  },
  'weight.notPositive': { fr: 'Le poids doit être supérieur à zéro.', en: 'The weight must be above zero.' },
  'weight.tooLarge': { fr: 'Poids trop élevé.', en: 'Weight too large.' },
  'weight.invalidGrams': { fr: 'Poids invalide.', en: 'Invalid weight.' },
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
  'payments.sellerNotOnboarded': {
    fr: "Les paiements de ce site ne sont pas encore activés : un échange payant ne peut être accepté qu'une fois le compte de paiement (Stripe) activé. Activez-le depuis la page « Paiements » du site.",
    en: "This site's payments are not enabled yet: a paid trade can only be accepted once the payment account (Stripe) is active. Enable it from the site's « Payments » page.",
  },
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
  ...catalogueMessages,
  ...tradeMessages,
  ...matchingMessages,
  ...sourcingMessages,
  ...tourMessages,
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
