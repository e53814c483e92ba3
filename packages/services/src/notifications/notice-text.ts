import type { NotificationKind } from '@retaille/domain';

/** What a notice keeps to be told again (the bell, the e-mail, the digest): plain values only. */
export type NoticeData = Record<string, string | number | null>;

interface Lines {
  /** What happened. */
  what: string;
  /** What to do next. */
  next: string;
}

const str = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

function money(cents: unknown, locale: 'fr-FR' | 'en-GB'): string {
  return typeof cents === 'number'
    ? new Intl.NumberFormat(locale, { style: 'currency', currency: 'EUR' }).format(cents / 100)
    : '';
}

function kg(grams: unknown, locale: 'fr-FR' | 'en-GB'): string {
  return typeof grams === 'number'
    ? new Intl.NumberFormat(locale, { maximumFractionDigits: 3 }).format(grams / 1000)
    : '';
}

function slot(start: unknown, end: unknown, locale: 'fr-FR' | 'en-GB'): string {
  if (typeof start !== 'string' || typeof end !== 'string') return '';
  const a = new Date(start);
  const b = new Date(end);
  if (Number.isNaN(a.getTime()) || Number.isNaN(b.getTime())) return '';
  const day = new Intl.DateTimeFormat(locale, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    timeZone: 'Europe/Paris',
  }).format(a);
  const time = new Intl.DateTimeFormat(locale, {
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'Europe/Paris',
  });
  return `${day}, ${time.format(a)}–${time.format(b)}`;
}

function french(kind: NotificationKind, d: NoticeData): Lines {
  const lot = `« ${str(d.lotTitle)} »`;
  const site = str(d.siteName);
  const buyer = str(d.buyerName);
  switch (kind) {
    case 'trade_requested':
      return {
        what: `${buyer} demande ${str(d.quantity)} ${str(d.unit)} de votre lot ${lot}.`,
        next: 'Acceptez ou refusez la demande avant son expiration.',
      };
    case 'trade_accepted':
      return {
        what: `${site} a accepté votre demande pour ${lot}.`,
        next: 'Proposez un créneau de retrait.',
      };
    case 'trade_payment_due':
      return {
        what: `${site} a accepté votre demande pour ${lot}. Montant à régler : ${money(d.totalCents, 'fr-FR')}.`,
        next: 'Payez en ligne pour confirmer l’échange, avant l’expiration du paiement.',
      };
    case 'trade_declined':
      return { what: `${site} a refusé votre demande pour ${lot}.`, next: 'Cherchez un autre lot proche.' };
    case 'trade_withdrawn':
      return {
        what: `${buyer} a retiré sa demande pour ${lot}.`,
        next: 'Rien à faire : le lot reste disponible.',
      };
    case 'trade_expired':
      return {
        what: `L’échange pour ${lot} a expiré sans réponse ou sans paiement.`,
        next: 'Rien à faire : la quantité réservée est libérée.',
      };
    case 'trade_paid':
      return {
        what: `${buyer} a payé ${money(d.totalCents, 'fr-FR')} pour ${lot}.`,
        next: 'Proposez un créneau de retrait, ou confirmez celui de l’acheteur.',
      };
    case 'pickup_proposed':
      return {
        what: `Un créneau de retrait est proposé pour ${lot} : ${slot(d.slotStart, d.slotEnd, 'fr-FR')}.`,
        next: 'Confirmez ce créneau ou proposez-en un autre.',
      };
    case 'pickup_agreed':
      return {
        what: `Le créneau de retrait pour ${lot} est confirmé : ${slot(d.slotStart, d.slotEnd, 'fr-FR')}.`,
        next: 'Soyez au rendez-vous ; le bordereau de retrait est sur la page de l’échange.',
      };
    case 'trade_cancelled':
      return {
        what: `L’échange pour ${lot} a été annulé.`,
        next: 'Rien à faire : un paiement éventuel est remboursé.',
      };
    case 'trade_handed_over':
      return {
        what: `${site} vous a remis ${lot} (${kg(d.grams, 'fr-FR')} kg pesés).`,
        next: 'Confirmez la réception, ou ouvrez un litige si le poids ou la matière ne correspond pas.',
      };
    case 'trade_received':
      return {
        what: `${buyer} a confirmé la réception de ${lot}.`,
        next: 'Rien à faire : l’échange sera clôturé automatiquement.',
      };
    case 'trade_disputed':
      return {
        what: `Un litige est ouvert sur ${lot} : ${str(d.reason)}`,
        next: 'Répondez dans la messagerie de l’échange ; un opérateur tranchera.',
      };
    case 'trade_completed':
      return {
        what: `L’échange pour ${lot} est terminé.`,
        next: 'Consultez l’impact évité sur votre tableau de bord.',
      };
    case 'dispute_resolved':
      return {
        what: `Le litige sur ${lot} est réglé.`,
        next: 'Consultez la décision sur la page de l’échange.',
      };
    case 'lot_offer':
      return {
        what: `${site} vous propose le lot ${lot}.`,
        next: 'Acceptez l’offre en un clic, ou laissez-la.',
      };
    case 'lot_matches_search':
    case 'lot_matches_request':
      return { what: `Un nouveau lot correspond à votre recherche : ${lot}.`, next: 'Consultez le lot.' };
    case 'allocation_proposal':
      return { what: `Une allocation du réseau vous propose ${lot}.`, next: 'Consultez la proposition.' };
    case 'pooled_tour_proposed':
      return {
        what: `Une tournée partagée passe prendre ${lot} chez ${site} le ${str(d.day)}, vers ${str(d.time)}.`,
        next: 'Acceptez ou déclinez ce passage sur la page de la tournée.',
      };
    case 'pooled_tour_answered':
      return {
        what: `${d.role === 'seller' ? 'Le vendeur' : 'L’acheteur'} a ${
          d.answer === 'declined' ? 'décliné' : 'accepté'
        } le passage de la tournée du ${str(d.day)} chez ${site} (${lot}).`,
        next:
          d.answer === 'declined'
            ? 'Ce passage ne sera pas fait : planifiez à nouveau si besoin.'
            : 'Enregistrez la tournée comme trajet une fois faite.',
      };
    default: {
      const unknownKind: never = kind;
      throw new Error(`Unknown notification kind: ${String(unknownKind)}`);
    }
  }
}

function english(kind: NotificationKind, d: NoticeData): Lines {
  const lot = `“${str(d.lotTitle)}”`;
  const site = str(d.siteName);
  const buyer = str(d.buyerName);
  switch (kind) {
    case 'trade_requested':
      return {
        what: `${buyer} requests ${str(d.quantity)} ${str(d.unit)} of your lot ${lot}.`,
        next: 'Accept or decline the request before it expires.',
      };
    case 'trade_accepted':
      return { what: `${site} accepted your request for ${lot}.`, next: 'Propose a pickup slot.' };
    case 'trade_payment_due':
      return {
        what: `${site} accepted your request for ${lot}. Amount to pay: ${money(d.totalCents, 'en-GB')}.`,
        next: 'Pay online to confirm the trade before the payment expires.',
      };
    case 'trade_declined':
      return { what: `${site} declined your request for ${lot}.`, next: 'Look for another lot nearby.' };
    case 'trade_withdrawn':
      return {
        what: `${buyer} withdrew their request for ${lot}.`,
        next: 'Nothing to do: the lot stays available.',
      };
    case 'trade_expired':
      return {
        what: `The trade for ${lot} expired without an answer or a payment.`,
        next: 'Nothing to do: the reserved quantity is released.',
      };
    case 'trade_paid':
      return {
        what: `${buyer} paid ${money(d.totalCents, 'en-GB')} for ${lot}.`,
        next: 'Propose a pickup slot, or confirm the buyer’s.',
      };
    case 'pickup_proposed':
      return {
        what: `A pickup slot is proposed for ${lot}: ${slot(d.slotStart, d.slotEnd, 'en-GB')}.`,
        next: 'Confirm this slot or propose another one.',
      };
    case 'pickup_agreed':
      return {
        what: `The pickup slot for ${lot} is confirmed: ${slot(d.slotStart, d.slotEnd, 'en-GB')}.`,
        next: 'Be there on time; the pickup slip is on the trade page.',
      };
    case 'trade_cancelled':
      return { what: `The trade for ${lot} was cancelled.`, next: 'Nothing to do: any payment is refunded.' };
    case 'trade_handed_over':
      return {
        what: `${site} handed ${lot} over to you (${kg(d.grams, 'en-GB')} kg weighed).`,
        next: 'Confirm receipt, or open a dispute if the weight or the material is wrong.',
      };
    case 'trade_received':
      return {
        what: `${buyer} confirmed receipt of ${lot}.`,
        next: 'Nothing to do: the trade will be closed automatically.',
      };
    case 'trade_disputed':
      return {
        what: `A dispute is open on ${lot}: ${str(d.reason)}`,
        next: 'Answer in the trade’s messages; an operator will decide.',
      };
    case 'trade_completed':
      return { what: `The trade for ${lot} is complete.`, next: 'See the avoided impact on your dashboard.' };
    case 'dispute_resolved':
      return { what: `The dispute on ${lot} is settled.`, next: 'See the decision on the trade page.' };
    case 'lot_offer':
      return {
        what: `${site} offers you the lot ${lot}.`,
        next: 'Accept the offer in one click, or let it be.',
      };
    case 'lot_matches_search':
    case 'lot_matches_request':
      return { what: `A new lot matches your search: ${lot}.`, next: 'See the lot.' };
    case 'allocation_proposal':
      return { what: `A network allocation proposes ${lot} to you.`, next: 'See the proposal.' };
    case 'pooled_tour_proposed':
      return {
        what: `A shared tour would pick up ${lot} at ${site} on ${str(d.day)}, around ${str(d.time)}.`,
        next: 'Accept or decline this stop on the tour page.',
      };
    case 'pooled_tour_answered':
      return {
        what: `The ${d.role === 'seller' ? 'seller' : 'buyer'} ${
          d.answer === 'declined' ? 'declined' : 'accepted'
        } the stop of the ${str(d.day)} tour at ${site} (${lot}).`,
        next:
          d.answer === 'declined'
            ? 'This stop will not be made: plan again if needed.'
            : 'Record the tour as a trip once driven.',
      };
    default: {
      const unknownKind: never = kind;
      throw new Error(`Unknown notification kind: ${String(unknownKind)}`);
    }
  }
}

export interface RenderedNotice {
  subject: string;
  /** One line per language, for the digest. */
  summary: { fr: string; en: string };
  fr: Lines;
  en: Lines;
}

const SUBJECTS: Record<NotificationKind, [string, string]> = {
  trade_requested: ['Nouvelle demande', 'New request'],
  trade_accepted: ['Demande acceptée', 'Request accepted'],
  trade_payment_due: ['Paiement à effectuer', 'Payment to make'],
  trade_declined: ['Demande refusée', 'Request declined'],
  trade_withdrawn: ['Demande retirée', 'Request withdrawn'],
  trade_expired: ['Échange expiré', 'Trade expired'],
  trade_paid: ['Paiement reçu', 'Payment received'],
  pickup_proposed: ['Créneau de retrait à confirmer', 'Pickup slot to confirm'],
  pickup_agreed: ['Créneau de retrait confirmé', 'Pickup slot confirmed'],
  trade_cancelled: ['Échange annulé', 'Trade cancelled'],
  trade_handed_over: ['Lot remis : réception à confirmer', 'Lot handed over: confirm receipt'],
  trade_received: ['Réception confirmée', 'Receipt confirmed'],
  trade_disputed: ['Litige ouvert', 'Dispute opened'],
  trade_completed: ['Échange terminé', 'Trade complete'],
  dispute_resolved: ['Litige réglé', 'Dispute settled'],
  lot_offer: ['Un lot vous est proposé', 'A lot is offered to you'],
  lot_matches_search: ['Nouveau lot pour votre recherche', 'New lot for your search'],
  lot_matches_request: ['Nouveau lot pour votre demande', 'New lot for your request'],
  allocation_proposal: ['Proposition d’allocation', 'Allocation proposal'],
  pooled_tour_proposed: ['Tournée partagée proposée', 'Shared tour proposed'],
  pooled_tour_answered: ['Réponse à une tournée partagée', 'Answer to a shared tour'],
};

/** The French-then-English words of a notice. */
export function renderNotice(kind: NotificationKind, data: NoticeData): RenderedNotice {
  const fr = french(kind, data);
  const en = english(kind, data);
  const [subjectFr, subjectEn] = SUBJECTS[kind];
  const lot = str(data.lotTitle);
  return {
    subject: `${subjectFr} — ${subjectEn}${lot ? ` : ${lot}` : ''}`,
    summary: { fr: fr.what, en: en.what },
    fr,
    en,
  };
}
