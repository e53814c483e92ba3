/**
 * French and English texts of trades, prices, payments, offers and the operator console, kept apart from messages.ts so that
 * file stays one job per part; merged into `messages` there.
 */
import type { Text } from './message-format.ts';

export const tradeMessages: Record<string, { fr: Text; en: Text }> = {
  'trade.vehicleUnknown': { fr: 'Véhicule inconnu.', en: 'Unknown vehicle.' },
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
};
