/** Every French dictionary, in one chunk loaded only when French is shown. */
import { catalogueFr } from './catalogue.fr.ts';
import { fr } from './fr.ts';
import { impactFr } from './impact.fr.ts';
import { matchingFr } from './matching.fr.ts';
import { operationsFr } from './operations.fr.ts';
import { sourcingFr } from './sourcing.fr.ts';
import { toursFr } from './tours.fr.ts';
import { tradesFr } from './trades.fr.ts';

export const resources: Record<string, object> = {
  translation: fr,
  catalogue: catalogueFr,
  matching: matchingFr,
  trades: tradesFr,
  tours: toursFr,
  sourcing: sourcingFr,
  impact: impactFr,
  operations: operationsFr,
};
