/**
 * French and English texts of bill-of-materials sourcing and its baskets (issue 17), kept apart
 * from messages.ts so that file stays one job per part; merged into `messages` there.
 */
type Params = Record<string, string | number>;
type Text = string | ((p: Params) => string);

export const sourcingMessages: Record<string, { fr: Text; en: Text }> = {
  'sourcing.invalidBom': { fr: 'Cette nomenclature est invalide.', en: 'This bill of materials is invalid.' },
  'sourcing.emptyBom': { fr: 'La nomenclature est vide.', en: 'The bill of materials is empty.' },
  'sourcing.tooManyLines': {
    fr: (p) => `Trop de lignes (${p.max} au plus).`,
    en: (p) => `Too many lines (at most ${p.max}).`,
  },
  'sourcing.invalidLine': {
    fr: 'Cette ligne est incomplète ou invalide.',
    en: 'This line is incomplete or invalid.',
  },
  'sourcing.duplicateId': { fr: 'Cette ligne figure deux fois.', en: 'This line appears twice.' },
  'sourcing.unknownMaterial': { fr: 'Matière inconnue.', en: 'Unknown material.' },
  'sourcing.impossibleDimension': {
    fr: (p) => `Dimension impossible (positive, ${p.max} mm au plus).`,
    en: (p) => `Impossible dimension (positive, at most ${p.max} mm).`,
  },
  'sourcing.csvHeader': {
    fr: (p) => `L’en-tête du CSV doit nommer les colonnes : ${p.columns}.`,
    en: (p) => `The CSV header must name the columns: ${p.columns}.`,
  },
  'sourcing.invalidCosts': {
    fr: 'Les coûts au km et par vendeur doivent être positifs.',
    en: 'The costs per km and per seller must be non-negative.',
  },
  'sourcing.noCandidate': {
    fr: 'Aucun lot dans le rayon ne correspond à cette ligne.',
    en: 'No lot within the radius matches this line.',
  },
  'sourcing.notEnoughQuantity': {
    fr: 'Les lots dans le rayon ne suffisent pas à couvrir cette ligne.',
    en: 'The lots within the radius are not enough to cover this line.',
  },
  'basket.empty': { fr: 'Le panier est vide.', en: 'The basket is empty.' },
  'basket.tooManyPicks': {
    fr: 'Trop de lots dans un même panier.',
    en: 'Too many lots in one basket.',
  },
  'basket.notFound': { fr: 'Panier introuvable.', en: 'Basket not found.' },
  'basket.lotUnavailable': {
    fr: (p) =>
      `Le lot ${p.lotId} (lignes : ${p.lines}) n’est plus disponible dans cette quantité : rien n’a été demandé. Relancez le calcul.`,
    en: (p) =>
      `Lot ${p.lotId} (lines: ${p.lines}) is no longer available in this quantity: nothing was requested. Plan again.`,
  },
};
