/** Every English dictionary, in one chunk loaded only when English is shown. */
import { catalogueEn } from './catalogue.en.ts';
import { en } from './en.ts';
import { impactEn } from './impact.en.ts';
import { matchingEn } from './matching.en.ts';
import { operationsEn } from './operations.en.ts';
import { sourcingEn } from './sourcing.en.ts';
import { toursEn } from './tours.en.ts';
import { tradesEn } from './trades.en.ts';

export const resources: Record<string, object> = {
  translation: en,
  catalogue: catalogueEn,
  matching: matchingEn,
  trades: tradesEn,
  tours: toursEn,
  sourcing: sourcingEn,
  impact: impactEn,
  operations: operationsEn,
};
